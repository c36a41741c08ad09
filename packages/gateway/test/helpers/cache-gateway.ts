// A gateway with the response cache over a fake OpenAI upstream that numbers its answers
// (`answer 1`, `answer 2`, ...), so a test sees from a reply's text whether it was cached.

import { startFakeOpenAIUpstream, type FakeServer } from '@llmux/fake-upstreams';
import OpenAI from 'openai';
import { managementClient, type ManagementClient } from './management-client.js';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';

export const CACHE_MASTER_KEY = 'sk-master-cache';

export interface CacheWorld {
  upstream: FakeServer;
  gateway: TestGateway;
  client: OpenAI;
  /** The management API under the master key (cache admin routes, key generation). */
  admin: ManagementClient;
  /** Chat requests the upstream received. */
  chatCalls(): number;
  close(): Promise<void>;
}

export async function startCacheWorld(cacheParams: Record<string, unknown>, env: NodeJS.ProcessEnv = { ...process.env }, upstream?: FakeServer): Promise<CacheWorld> {
  let answers = 0;
  const own = upstream === undefined;
  const fake = upstream ?? (await startFakeOpenAIUpstream({ reply: () => ({ content: `answer ${(answers += 1)}`, usage: { promptTokens: 10, completionTokens: 2 } }) }));
  const openai = { api_base: `${fake.url}/v1`, api_key: 'sk-upstream', input_cost_per_token: 0.000001, output_cost_per_token: 0.000002 };
  const gateway = await startTestGateway(
    {
      model_list: [
        { model_name: 'gpt', litellm_params: { model: 'openai/gpt-4o-mini', ...openai }, model_info: { id: 'gpt-a' } },
        { model_name: 'gpt', litellm_params: { model: 'openai/gpt-4o-mini', ...openai }, model_info: { id: 'gpt-b' } },
        { model_name: 'embed', litellm_params: { model: 'openai/text-embedding-3-small', ...openai } },
      ],
      litellm_settings: { cache: true, cache_params: cacheParams },
      general_settings: { master_key: CACHE_MASTER_KEY },
    },
    env,
  );
  return {
    upstream: fake,
    gateway,
    client: new OpenAI({ apiKey: CACHE_MASTER_KEY, baseURL: `${gateway.url}/v1`, maxRetries: 0 }),
    admin: managementClient(gateway.url, CACHE_MASTER_KEY),
    chatCalls: () => fake.requests.filter((request) => request.url.endsWith('/chat/completions')).length,
    close: async () => {
      await gateway.close();
      if (own) await fake.close();
    },
  };
}

/** A chat body with LiteLLM's `cache` controls, sent at the top level as `extra_body` would. */
export function withCache<Body extends object>(body: Body, cache: Record<string, unknown>): Body {
  return { ...body, cache } as Body;
}
