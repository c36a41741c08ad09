// A gateway with guardrails over fake upstreams: an OpenAI fake whose reply text a test sets,
// an Anthropic fake for /v1/messages, and a fake generic guardrail service. Prompts are
// stored in spend rows, so a test can see that a mask reached the log too.

import { startFakeAnthropicUpstream, startFakeGenericGuardrail, startFakeOpenAIUpstream, type FakeGenericGuardrail, type FakeServer } from '@llmux/fake-upstreams';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { managementClient, type ManagementClient } from './management-client.js';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';

const GUARDRAILS_MASTER_KEY = 'sk-master-guardrails';

export interface GuardrailsWorld {
  openai: FakeServer;
  anthropic: FakeServer;
  service: FakeGenericGuardrail;
  gateway: TestGateway;
  admin: ManagementClient;
  /** The text the OpenAI fake answers with. */
  setReply(text: string): void;
  client(key?: string): OpenAI;
  anthropicClient(key?: string): Anthropic;
  /** Bodies the OpenAI fake received on chat, in order. */
  chatBodies(): Record<string, unknown>[];
  close(): Promise<void>;
}

export async function startGuardrailsWorld(guardrails: (service: string) => unknown[]): Promise<GuardrailsWorld> {
  let reply = 'Hello!';
  const openai = await startFakeOpenAIUpstream({ reply: () => ({ content: reply, usage: { promptTokens: 10, completionTokens: 5 } }) });
  const anthropic = await startFakeAnthropicUpstream({ reply: () => ({ content: reply }) });
  const service = await startFakeGenericGuardrail({ blockWord: 'forbidden', rewrite: { from: 'Acme', to: '[COMPANY]' } });
  const gateway = await startTestGateway({
    model_list: [
      {
        model_name: 'gpt',
        litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${openai.url}/v1`, api_key: 'sk-upstream', input_cost_per_token: 0.000001, output_cost_per_token: 0.000002 },
      },
      { model_name: 'claude', litellm_params: { model: 'anthropic/claude-sonnet-4-5', api_base: anthropic.url, api_key: 'sk-ant-upstream' } },
      { model_name: 'embed', litellm_params: { model: 'openai/text-embedding-3-small', api_base: `${openai.url}/v1`, api_key: 'sk-upstream' } },
    ],
    guardrails: guardrails(service.url),
    general_settings: { master_key: GUARDRAILS_MASTER_KEY, store_prompts_in_spend_logs: true },
  });
  return {
    openai,
    anthropic,
    service,
    gateway,
    admin: managementClient(gateway.url, GUARDRAILS_MASTER_KEY),
    setReply: (text) => void (reply = text),
    client: (key = GUARDRAILS_MASTER_KEY) => new OpenAI({ apiKey: key, baseURL: `${gateway.url}/v1`, maxRetries: 0 }),
    anthropicClient: (key = GUARDRAILS_MASTER_KEY) => new Anthropic({ apiKey: key, baseURL: gateway.url, maxRetries: 0 }),
    chatBodies: () => openai.requests.filter((request) => request.url.endsWith('/chat/completions')).map((request) => request.json as Record<string, unknown>),
    close: async () => {
      await gateway.close();
      await Promise.all([openai.close(), anthropic.close(), service.close()]);
    },
  };
}
