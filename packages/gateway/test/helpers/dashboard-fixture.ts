// What the dashboard's browser tests and screenshot script share: a gateway with a store in
// a temp folder, a fake OpenAI upstream with fixed usage and prices (so spend is exact), the
// built dashboard, and Debian's Chromium driven by playwright-core. Nothing downloads a browser.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeOpenAIUpstream, type FakeChatReply, type FakeServer } from '@llmux/fake-upstreams';
import { chromium, type Browser } from 'playwright-core';
import { createGateway, parseConfig, type Gateway } from '../../src/index.js';
import { createCaptureLogger } from './capture-logger.js';

const CHROMIUM_PATH = process.env['LLMUX_CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const DASHBOARD_MASTER_KEY = 'sk-master-dashboard-e2e';
const UPSTREAM_KEY = 'sk-openai-upstream-dashboard';
/** The fake's usage and the deployment's prices: 12 × $0.000001 + 6 × $0.000002 = $0.000024. */
const PROMPT_TOKENS = 12;
const COMPLETION_TOKENS = 6;
export const CALL_COST_USD = PROMPT_TOKENS * 0.000001 + COMPLETION_TOKENS * 0.000002;

/** Sent for the message `please fail`, so the screenshots can show errors too. */
const UPSTREAM_FAILURE: FakeChatReply = { error: { status: 500, body: { error: { message: 'The server had an error', type: 'server_error', param: null, code: null } } } };

function lastUserText(body: unknown): string {
  const messages = (body as { messages?: Array<{ role: string; content: unknown }> } | null)?.messages ?? [];
  const content = messages.filter((message) => message.role === 'user').at(-1)?.content;
  return typeof content === 'string' ? content : '';
}

const DASHBOARD_PACKAGE = fileURLToPath(new URL('../../../dashboard/', import.meta.url));

export interface DashboardFixture {
  url: string;
  gateway: Gateway;
  upstream: FakeServer;
  close(): Promise<void>;
}

/**
 * Builds the dashboard when no build exists or its sources changed since (a fresh checkout,
 * or an edited page tested without `npm run build`), so the browser never tests stale code.
 */
function ensureDashboardBuilt(): void {
  const built = join(DASHBOARD_PACKAGE, 'dist', 'index.html');
  if (existsSync(built) && newestSourceTime() <= statSync(built).mtimeMs) return;
  const result = spawnSync('npm', ['run', 'build'], { cwd: DASHBOARD_PACKAGE, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('could not build the dashboard (npm run build in packages/dashboard)');
}

function newestSourceTime(): number {
  const sources = [join(DASHBOARD_PACKAGE, 'index.html'), join(DASHBOARD_PACKAGE, 'vite.config.ts')];
  const walk = (directory: string): void => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else sources.push(path);
    }
  };
  walk(join(DASHBOARD_PACKAGE, 'src'));
  return Math.max(...sources.map((path) => statSync(path).mtimeMs));
}

export async function startDashboardFixture(): Promise<DashboardFixture> {
  ensureDashboardBuilt();
  const upstream = await startFakeOpenAIUpstream({
    apiKey: UPSTREAM_KEY,
    reply: (request) =>
      lastUserText(request.json) === 'please fail'
        ? UPSTREAM_FAILURE
        : { content: 'Hello from the fake upstream', usage: { promptTokens: PROMPT_TOKENS, completionTokens: COMPLETION_TOKENS } },
  });
  const home = mkdtempSync(join(tmpdir(), 'llmux-dashboard-e2e-'));
  const env = { ...process.env, LLMUX_HOME: home, LLMUX_DASHBOARD_UPSTREAM_KEY: UPSTREAM_KEY };
  const document = {
    model_list: [
      {
        model_name: 'gpt-test',
        litellm_params: {
          model: 'openai/gpt-4o-mini',
          api_base: `${upstream.url}/v1`,
          api_key: 'os.environ/LLMUX_DASHBOARD_UPSTREAM_KEY',
          input_cost_per_token: 0.000001,
          output_cost_per_token: 0.000002,
        },
        model_info: { id: 'gpt-test-deployment-1' },
      },
    ],
    general_settings: { master_key: DASHBOARD_MASTER_KEY },
  };
  const { config } = parseConfig(document, 'dashboard test config', env);
  const gateway = createGateway({ config, logger: createCaptureLogger().logger, closeGraceMs: 200, env, spendWriter: { flushIntervalMs: 20 } });
  const url = await gateway.listen(0, '127.0.0.1');
  return {
    url,
    gateway,
    upstream,
    close: async () => {
      await gateway.close();
      await upstream.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Chromium, or the reason it cannot run here (the caller skips loudly with it). */
export async function launchChromium(): Promise<Browser | string> {
  if (!existsSync(CHROMIUM_PATH)) return `Chromium not found at ${CHROMIUM_PATH} (install Debian's chromium package or set LLMUX_CHROMIUM_PATH)`;
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
