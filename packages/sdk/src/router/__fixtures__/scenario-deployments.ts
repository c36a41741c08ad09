// The set-up the Router suites share: scripted fake upstreams, closed when the suite ends,
// and OpenAI-style deployments that point at them.

import { after } from 'node:test';
import { startFakeScenarioUpstream, type FakeScenarioOptions, type FakeScenarioServer } from '@llmux/fake-upstreams';
import type { Deployment } from '../deployment.js';

/** One user turn, "hi": what every Router test sends. */
export const hi = [{ role: 'user' as const, content: 'hi' }];

/** Registers an after() hook that closes every upstream the returned starter started. */
export function useScenarioUpstreams(): (options?: FakeScenarioOptions) => Promise<FakeScenarioServer> {
  const servers: FakeScenarioServer[] = [];
  after(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });
  return async (options = {}) => {
    const server = await startFakeScenarioUpstream(options);
    servers.push(server);
    return server;
  };
}

/** A deployment `id` in `group`, served by `server` as openai/gpt-4o-mini; `extra` adds litellm_params. */
export function scenarioDeployment(group: string, server: FakeScenarioServer, id: string, extra: Record<string, unknown> = {}): Deployment {
  return { model_name: group, litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${server.url}/v1`, api_key: 'sk-test', ...extra }, model_info: { id } };
}
