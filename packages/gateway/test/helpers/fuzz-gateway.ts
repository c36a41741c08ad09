// The gateway the fuzz suite attacks: a master key, a store backend (SQLite or a fresh
// PostgreSQL database), a fake OpenAI upstream, a small max_request_size_mb so oversized
// bodies are cheap to send, and the records the seeds name (user, team, keys, customer, model).

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeOpenAIUpstream, type FakeServer } from '@llmux/fake-upstreams';
import { createLogger } from '../../src/logging/create-logger.js';
import type { FuzzFixture } from './fuzz-catalog.js';
import { managementClient, storeSettings, type ManagementClient } from './management-client.js';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';
import { openBackend } from './store-backends.js';

export const FUZZ_MASTER_KEY = 'sk-master-fuzz';
export const FUZZ_BODY_LIMIT_MB = 2;

export interface FuzzGateway {
  url: string;
  gateway: TestGateway;
  admin: ManagementClient;
  virtualKey: string;
  fixture: FuzzFixture;
  /** Error-level log lines (unexpected errors carry their stack here). */
  errorLines: string[];
  close(): Promise<void>;
}

export async function startFuzzGateway(backendName: 'sqlite' | 'postgres'): Promise<FuzzGateway | string> {
  const backend = await openBackend(backendName);
  if (typeof backend === 'string') return backend;
  const upstream: FakeServer = await startFakeOpenAIUpstream({ apiKey: 'sk-upstream' });
  const apiBase = `${upstream.url}/v1`;
  const params = { api_base: apiBase, api_key: 'sk-upstream' };
  const settings = storeSettings(backend);
  // Only error lines are kept: 20,000 request lines would weigh on the RSS being measured.
  const errorLines: string[] = [];
  const logger = createLogger('info', {
    write: (line: string) => void (line.includes('"level":50') || line.includes('"level":60') ? errorLines.push(line.slice(0, 4000)) : undefined),
  });
  // A stand-in dashboard build, so /ui answers the same whether or not the real one is built.
  const dashboard = mkdtempSync(join(tmpdir(), 'llmux-fuzz-ui-'));
  mkdirSync(join(dashboard, 'assets'));
  writeFileSync(join(dashboard, 'index.html'), '<!doctype html><title>llmux</title><script src="assets/app.js"></script>');
  writeFileSync(join(dashboard, 'assets', 'app.js'), 'console.log("llmux")');
  const gateway = await startTestGateway(
    {
      model_list: [
        { model_name: 'gpt-a', litellm_params: { model: 'openai/gpt-4o-mini', ...params } },
        { model_name: 'gpt-b', litellm_params: { model: 'openai/gpt-4o', ...params } },
        { model_name: 'embed', litellm_params: { model: 'openai/text-embedding-3-small', ...params } },
      ],
      general_settings: { master_key: FUZZ_MASTER_KEY, max_request_size_mb: FUZZ_BODY_LIMIT_MB, ...settings.general },
    },
    settings.env,
    { logger, dashboardDirectory: dashboard },
  );
  const admin = managementClient(gateway.url, FUZZ_MASTER_KEY);
  const created = async (path: string, body: unknown): Promise<Record<string, unknown>> => {
    const reply = await admin.post(path, body);
    if (reply.status !== 200) throw new Error(`fuzz setup: ${path} answered ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body;
  };
  await created('/user/new', { user_id: 'fuzz-user', auto_create_key: false });
  await created('/team/new', { team_id: 'fuzz-team', members_with_roles: [{ user_id: 'fuzz-user', role: 'admin' }] });
  await created('/customer/new', { user_id: 'fuzz-customer' });
  await created('/model/new', { model_name: 'fuzz-added', litellm_params: { model: 'openai/gpt-4o-mini', ...params }, model_info: { id: 'fuzz-model' } });
  const spare = await created('/key/generate', { user_id: 'fuzz-user', team_id: 'fuzz-team', key_alias: 'fuzz-spare' });
  // The suite's virtual key belongs to no user or team, so mutated user and team budgets
  // cannot shut it out; its own management calls meet the permission checks.
  const virtual = await created('/key/generate', { models: ['gpt-a', 'gpt-b', 'embed', 'fuzz-added'], key_alias: 'fuzz-caller' });
  return {
    url: gateway.url,
    gateway,
    admin,
    virtualKey: String(virtual['key']),
    fixture: { userId: 'fuzz-user', teamId: 'fuzz-team', spareKey: String(spare['key']), customerId: 'fuzz-customer', modelId: 'fuzz-model', apiBase },
    errorLines,
    close: async () => {
      await gateway.close();
      await upstream.close();
      await backend.cleanup();
      rmSync(dashboard, { recursive: true, force: true });
    },
  };
}
