// Bedrock InvokeModel deployments of the non-Anthropic families behind the gateway, with the
// official `openai` client: each family's own body reaches the fake Bedrock Runtime (SigV4
// checked there), replies and streams come back as OpenAI's, tools work where the family
// has them, client mistakes are OpenAI-shaped 400s, and the spend rows carry the cost.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeBedrockUpstream, type FakeChatReply, type FakeServer } from '@llmux/fake-upstreams';
import OpenAI from 'openai';
import { managementClient } from './helpers/management-client.js';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.js';
import { waitForSpendRows } from './helpers/wait-for-spend-rows.js';

const MASTER_KEY = 'sk-master-bedrock-invoke';
const REGION = 'us-east-1';
const AWS = { aws_access_key_id: 'AKIAFAKEINVOKEGW0001', aws_secret_access_key: 'fake-gateway-invoke-secret-0000000000000', aws_region_name: REGION };
const PRICE = { input_cost_per_token: 0.000_002, output_cost_per_token: 0.000_004 };
const WEATHER_TOOL: OpenAI.ChatCompletionTool = { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } };

describe('gateway with Bedrock InvokeModel deployments of the non-Anthropic families', () => {
  let bedrock: FakeServer;
  let gateway: TestGateway;
  let client: OpenAI;
  let key: string;
  let next: FakeChatReply | undefined;
  const lastSent = () => bedrock.requests.at(-1);

  before(async () => {
    bedrock = await startFakeBedrockUpstream({
      accessKeyId: AWS.aws_access_key_id,
      secretAccessKey: AWS.aws_secret_access_key,
      region: REGION,
      reply: () => next ?? { content: 'Hello from Bedrock' },
    });
    const aws = { ...AWS, aws_bedrock_runtime_endpoint: bedrock.url };
    const deployment = (name: string, model: string) => ({ model_name: name, litellm_params: { model: `bedrock/invoke/${model}`, ...aws, ...PRICE } });
    gateway = await startTestGateway({
      model_list: [
        deployment('llama', 'meta.llama3-1-70b-instruct-v1:0'),
        deployment('mistral', 'mistral.mistral-large-2402-v1:0'),
        deployment('titan', 'amazon.titan-text-express-v1'),
        deployment('nova', 'us.amazon.nova-pro-v1:0'),
        deployment('gpt-oss', 'openai.gpt-oss-120b-1:0'),
      ],
      general_settings: { master_key: MASTER_KEY },
    });
    const generated = await managementClient(gateway.url, MASTER_KEY).post('/key/generate', {});
    key = String(generated.body['key']);
    client = new OpenAI({ apiKey: key, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
  });
  after(async () => {
    await gateway.close();
    await bedrock.close();
  });

  it('Llama: the Llama 3 prompt on InvokeModel, signed, and an OpenAI chat.completion back', async () => {
    next = { content: 'Hello from Bedrock', usage: { promptTokens: 100, completionTokens: 20 } };
    const completion = await client.chat.completions.create({ model: 'llama', messages: [{ role: 'user', content: 'hi' }], max_tokens: 30 });
    assert.equal(lastSent()?.url, '/model/meta.llama3-1-70b-instruct-v1%3A0/invoke');
    assert.match(lastSent()?.headers.authorization ?? '', /^AWS4-HMAC-SHA256 Credential=AKIAFAKEINVOKEGW0001\/\d{8}\/us-east-1\/bedrock\/aws4_request/);
    assert.deepEqual(lastSent()?.json, {
      prompt: '<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nhi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n',
      max_gen_len: 30,
    });
    assert.equal(completion.object, 'chat.completion');
    assert.equal(completion.choices[0]?.message.content, 'Hello from Bedrock');
    assert.deepEqual([completion.usage?.prompt_tokens, completion.usage?.completion_tokens], [100, 20]);
  });

  it('Mistral and Titan stream as OpenAI SSE, with usage when asked', async () => {
    for (const [model, url, field] of [
      ['mistral', '/model/mistral.mistral-large-2402-v1%3A0/invoke-with-response-stream', 'prompt'],
      ['titan', '/model/amazon.titan-text-express-v1/invoke-with-response-stream', 'inputText'],
    ] as const) {
      next = { content: 'one two three' };
      const stream = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'count' }], stream: true, stream_options: { include_usage: true } });
      let text = '';
      let usage: OpenAI.CompletionUsage | null | undefined;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta.content ?? '';
        usage = chunk.usage ?? usage;
      }
      assert.equal(lastSent()?.url, url);
      assert.equal(typeof (lastSent()?.json as Record<string, unknown>)[field], 'string');
      assert.equal(text, 'one two three', model);
      assert.equal(usage?.completion_tokens, 3, model);
    }
  });

  it('Nova and gpt-oss: tool calls in their own bodies', async () => {
    next = { toolCalls: [{ id: 'tooluse_1', name: 'get_weather', arguments: '{"city":"Oslo"}' }] };
    const nova = await client.chat.completions.create({ model: 'nova', messages: [{ role: 'user', content: 'weather?' }], tools: [WEATHER_TOOL] });
    assert.equal((lastSent()?.json as Record<string, unknown>)['schemaVersion'], 'messages-v1');
    assert.equal(nova.choices[0]?.finish_reason, 'tool_calls');
    assert.deepEqual(nova.choices[0]?.message.tool_calls?.[0], { id: 'tooluse_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } });

    next = { toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' }] };
    const gptOss = await client.chat.completions.create({ model: 'gpt-oss', messages: [{ role: 'user', content: 'weather?' }], tools: [WEATHER_TOOL] });
    const body = lastSent()?.json as Record<string, unknown>;
    assert.equal(body['model'], undefined);
    assert.deepEqual(body['tools'], [WEATHER_TOOL]);
    assert.equal(gptOss.choices[0]?.message.tool_calls?.[0]?.id, 'call_1');
  });

  it('tools on a prompt family are an OpenAI-shaped 400 naming the Converse route, sent nowhere', async () => {
    const before = bedrock.requests.length;
    await assert.rejects(
      client.chat.completions.create({ model: 'llama', messages: [{ role: 'user', content: 'weather?' }], tools: [WEATHER_TOOL] }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && /bedrock\/converse\/meta\.llama3-1-70b/.test(error.message),
    );
    assert.equal(bedrock.requests.length, before);
  });

  it('writes spend rows priced by the usage each family reported', async () => {
    const writer = gateway.gateway.accounting.writer;
    await writer?.flush();
    const rows = await waitForSpendRows(managementClient(gateway.url, MASTER_KEY), key, 6);
    const llama = rows.find((row) => row.model_group === 'llama' && row.status === 'success');
    assert.ok(llama !== undefined, JSON.stringify(rows));
    assert.deepEqual([llama.prompt_tokens, llama.completion_tokens], [100, 20]);
    assert.ok(Math.abs((llama.spend ?? 0) - (100 * PRICE.input_cost_per_token + 20 * PRICE.output_cost_per_token)) < 1e-12, String(llama.spend));
    const titan = rows.find((row) => row.model_group === 'titan');
    assert.ok(titan !== undefined && (titan.spend ?? 0) > 0, JSON.stringify(titan));
    assert.equal(titan.completion_tokens, 3);
  });
});
