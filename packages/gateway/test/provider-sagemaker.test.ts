// Amazon SageMaker endpoints (messages-API and TGI generate containers) behind the gateway, end to end with
// the official `openai` client: a fake SageMaker Runtime on port 0 that verifies every SigV4
// signature, AWS credentials from os.environ/ references, as a LiteLLM config names them.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeSageMakerUpstream, type FakeChatReply, type FakeServer, type RecordedRequest } from '@llmux/fake-upstreams';
import type OpenAI from 'openai';
import { FakeFleet } from './helpers/fake-fleet.js';

const MASTER_KEY = 'sk-master-sagemaker';
const REGION = 'eu-west-1';
const AWS = { accessKeyId: 'AKIAFAKEGWSAGEMAKER1', secretAccessKey: 'fake-gateway-sagemaker-secret-0000000000' };
const ENDPOINT = 'tgi-mistral-7b';

const WEATHER_TOOL: OpenAI.ChatCompletionTool = {
  type: 'function',
  function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};

function replyFor(request: RecordedRequest): FakeChatReply {
  // `sagemaker/` sends a TGI generate body (`inputs`), `sagemaker_chat/` the messages.
  const messages = (request.json as { messages?: Array<{ role: string; content: unknown }> }).messages ?? [];
  const last = messages.at(-1);
  if (last?.role === 'tool') return { content: 'It is 18°C in Oslo.' };
  if (last?.content === 'weather?') return { toolCalls: [{ id: 'call_oslo', name: 'get_weather', arguments: '{"city":"Oslo"}' }] };
  return { content: 'Hello from SageMaker', usage: { promptTokens: 10, completionTokens: 4 } };
}

describe('gateway with Amazon SageMaker endpoints', () => {
  const fleet = new FakeFleet();
  let sagemaker: FakeServer;
  let client: OpenAI;

  before(async () => {
    sagemaker = fleet.started(await startFakeSageMakerUpstream({ ...AWS, region: REGION, endpoints: [ENDPOINT], reply: replyFor }));
    const env = { ...process.env, LLMUX_E2E_SM_KEY_ID: AWS.accessKeyId, LLMUX_E2E_SM_SECRET: AWS.secretAccessKey };
    const aws = {
      aws_access_key_id: 'os.environ/LLMUX_E2E_SM_KEY_ID',
      aws_secret_access_key: 'os.environ/LLMUX_E2E_SM_SECRET',
      aws_region_name: REGION,
      api_base: sagemaker.url,
    };
    await fleet.startGateway(
      {
        'mistral-sm': { model: `sagemaker_chat/${ENDPOINT}`, ...aws },
        'mistral-sm-plain': { model: `sagemaker/${ENDPOINT}`, ...aws },
        // LiteLLM's prompt settings for sagemaker/: the model whose template to use, or a template of one's own.
        'llama-sm': { model: `sagemaker/${ENDPOINT}`, hf_model_name: 'meta-llama/Meta-Llama-3-8B-Instruct', ...aws },
        'custom-sm': { model: `sagemaker/${ENDPOINT}`, roles: { user: { pre_message: 'Q: ', post_message: '\n' } }, final_prompt_value: 'A:', ...aws },
      },
      MASTER_KEY,
      env,
    );
    client = fleet.openAIClient(MASTER_KEY);
  });
  after(() => fleet.close());

  it('chats through InvokeEndpoint, signed for sagemaker', async () => {
    const completion = await client.chat.completions.create({ model: 'mistral-sm', messages: [{ role: 'user', content: 'hi' }], max_tokens: 16 });
    assert.equal(completion.choices[0]?.message.content, 'Hello from SageMaker');
    assert.equal(completion.usage?.total_tokens, 14);
    const sent = sagemaker.requests.at(-1);
    assert.equal(sent?.url, `/endpoints/${ENDPOINT}/invocations`);
    assert.match(sent?.headers.authorization ?? '', /\/eu-west-1\/sagemaker\/aws4_request/);
    assert.deepEqual(sent?.json, { messages: [{ role: 'user', content: 'hi' }], max_tokens: 16 });
    const plain = await client.chat.completions.create({ model: 'mistral-sm-plain', messages: [{ role: 'user', content: 'hi' }], max_tokens: 16 });
    assert.equal(plain.choices[0]?.message.content, 'Hello from SageMaker');
    // The endpoint name names a Mistral model but not an instruct one: no template, text joined, and the caller is told.
    assert.deepEqual(sagemaker.requests.at(-1)?.json, { inputs: 'hi', parameters: { max_new_tokens: 16, details: true, return_full_text: false } });
    await client.chat.completions.create({ model: 'llama-sm', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(
      (sagemaker.requests.at(-1)?.json as { inputs: string }).inputs,
      '<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nhi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n',
    );
    await client.chat.completions.create({ model: 'custom-sm', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal((sagemaker.requests.at(-1)?.json as { inputs: string }).inputs, 'Q: hi\nA:');
  });

  it('streams InvokeEndpointWithResponseStream as OpenAI SSE', async () => {
    const stream = await client.chat.completions.create({
      model: 'mistral-sm',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    assert.equal(text, 'Hello from SageMaker');
    assert.equal(usage?.total_tokens, 14);
    assert.equal(sagemaker.requests.at(-1)?.url, `/endpoints/${ENDPOINT}/invocations-response-stream`);
  });

  it('runs a tool round trip, streamed and not', async () => {
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'weather?' }];
    const first = await client.chat.completions.create({ model: 'mistral-sm', messages, tools: [WEATHER_TOOL] });
    const call = first.choices[0]?.message.tool_calls?.[0];
    assert.ok(call !== undefined && call.type === 'function');
    assert.equal(call.function.arguments, '{"city":"Oslo"}');
    messages.push({ role: 'assistant', content: null, tool_calls: [call] }, { role: 'tool', tool_call_id: call.id, content: '18' });
    const second = await client.chat.completions.create({ model: 'mistral-sm', messages, tools: [WEATHER_TOOL] });
    assert.equal(second.choices[0]?.message.content, 'It is 18°C in Oslo.');

    const stream = await client.chat.completions.create({ model: 'mistral-sm', messages: [{ role: 'user', content: 'weather?' }], tools: [WEATHER_TOOL], stream: true });
    let args = '';
    for await (const chunk of stream) for (const delta of chunk.choices[0]?.delta.tool_calls ?? []) args += delta.function?.arguments ?? '';
    assert.equal(args, '{"city":"Oslo"}');
  });
});
