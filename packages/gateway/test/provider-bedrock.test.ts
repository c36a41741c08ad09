// Amazon Bedrock deployments behind the gateway, end to end with the official `openai`
// client: a fake Bedrock Runtime on port 0 that verifies every SigV4 signature, AWS
// credentials from os.environ/ references, as a LiteLLM config names them.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeBedrockUpstream, type FakeChatReply, type FakeServer, type RecordedRequest } from '@llmux/fake-upstreams';
import OpenAI from 'openai';
import { FakeFleet } from './helpers/fake-fleet.js';
import type { TestGateway } from './helpers/start-test-gateway.js';
import { readChatStream } from './helpers/read-chat-stream.js';

const MASTER_KEY = 'sk-master-bedrock';
const REGION = 'us-west-2';
const AWS = { accessKeyId: 'AKIAFAKEGATEWAY00001', secretAccessKey: 'fake-gateway-bedrock-secret-000000000000' };

const WEATHER_TOOL: OpenAI.ChatCompletionTool = {
  type: 'function',
  function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};

/** The fake's answer, chosen by the last user text of a Converse or Messages body. */
function replyFor(request: RecordedRequest): FakeChatReply {
  const body = request.json as { messages: Array<{ role: string; content: unknown }> };
  const last = body.messages.at(-1);
  const blocks = Array.isArray(last?.content) ? (last.content as Array<{ text?: string; toolResult?: unknown; type?: string }>) : [];
  if (blocks.some((block) => block.toolResult !== undefined || block.type === 'tool_result')) return { content: 'It is 18°C in Paris.' };
  const text = blocks.map((block) => block.text ?? '').join('');
  if (text === 'weather?') return { toolCalls: [{ id: 'tooluse_paris', name: 'get_weather', arguments: '{"city":"Paris"}' }] };
  if (text === 'throttle me') return { content: 'one two three', failAfterChunks: 0 };
  if (text === 'too long') return { error: { status: 400, body: { message: 'Input is too long for requested model.' }, headers: { 'x-amzn-errortype': 'ValidationException' } } };
  return { content: 'Hello from Bedrock', usage: { promptTokens: 14, completionTokens: 3, cachedTokens: 4 } };
}

describe('gateway with Amazon Bedrock deployments', () => {
  const fleet = new FakeFleet();
  let bedrock: FakeServer;
  let gateway: TestGateway;
  let client: OpenAI;

  before(async () => {
    bedrock = fleet.started(await startFakeBedrockUpstream({ ...AWS, region: REGION, reply: replyFor }));
    const env = { ...process.env, LLMUX_E2E_AWS_KEY_ID: AWS.accessKeyId, LLMUX_E2E_AWS_SECRET: AWS.secretAccessKey };
    const aws = {
      aws_access_key_id: 'os.environ/LLMUX_E2E_AWS_KEY_ID',
      aws_secret_access_key: 'os.environ/LLMUX_E2E_AWS_SECRET',
      aws_region_name: REGION,
      aws_bedrock_runtime_endpoint: bedrock.url,
    };
    gateway = await fleet.startGateway(
      {
        'claude-bedrock': { model: 'bedrock/us.anthropic.claude-3-5-haiku-20241022-v1:0', ...aws },
        'claude-invoke': { model: 'bedrock/invoke/anthropic.claude-3-5-haiku-20241022-v1:0', ...aws },
        'titan-embed': { model: 'bedrock/amazon.titan-embed-text-v2:0', ...aws },
        'claude-wrong-secret': { model: 'bedrock/anthropic.claude-3-haiku-20240307-v1:0', ...aws, aws_secret_access_key: 'not-the-secret-at-all' },
      },
      MASTER_KEY,
      env,
    );
    client = fleet.openAIClient(MASTER_KEY);
  });
  after(() => fleet.close());

  it('chats through Converse, signed with the configured credentials', async () => {
    const completion = await client.chat.completions.create({
      model: 'claude-bedrock',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hi' },
      ],
      max_tokens: 30,
    });
    assert.equal(completion.object, 'chat.completion');
    assert.equal(completion.choices[0]?.message.content, 'Hello from Bedrock');
    assert.equal(completion.choices[0]?.finish_reason, 'stop');
    assert.equal(completion.usage?.prompt_tokens, 14);
    assert.equal(completion.usage?.prompt_tokens_details?.cached_tokens, 4);
    const sent = bedrock.requests.at(-1);
    assert.equal(sent?.url, '/model/us.anthropic.claude-3-5-haiku-20241022-v1%3A0/converse');
    assert.match(sent?.headers.authorization ?? '', new RegExp(`^AWS4-HMAC-SHA256 Credential=${AWS.accessKeyId}/\\d{8}/us-west-2/bedrock/aws4_request`));
    assert.deepEqual(sent?.json, { messages: [{ role: 'user', content: [{ text: 'hi' }] }], system: [{ text: 'Be brief.' }], inferenceConfig: { maxTokens: 30 } });
  });

  it('streams ConverseStream as OpenAI SSE, with usage when asked', async () => {
    const stream = await client.chat.completions.create({
      model: 'claude-bedrock',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const { text, usage, finish } = await readChatStream(stream);
    assert.equal(text, 'Hello from Bedrock');
    assert.equal(finish, 'stop');
    assert.equal(usage?.total_tokens, 17);
    assert.equal(bedrock.requests.at(-1)?.url, '/model/us.anthropic.claude-3-5-haiku-20241022-v1%3A0/converse-stream');
  });

  it('runs a tool round trip', async () => {
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'weather?' }];
    const first = await client.chat.completions.create({ model: 'claude-bedrock', messages, tools: [WEATHER_TOOL] });
    const call = first.choices[0]?.message.tool_calls?.[0];
    assert.equal(first.choices[0]?.finish_reason, 'tool_calls');
    assert.ok(call !== undefined && call.type === 'function');
    assert.deepEqual(
      { id: call.id, name: call.function.name, arguments: JSON.parse(call.function.arguments) as unknown },
      { id: 'tooluse_paris', name: 'get_weather', arguments: { city: 'Paris' } },
    );

    messages.push({ role: 'assistant', content: null, tool_calls: [call] }, { role: 'tool', tool_call_id: call.id, content: '{"celsius":18}' });
    const second = await client.chat.completions.create({ model: 'claude-bedrock', messages, tools: [WEATHER_TOOL] });
    assert.equal(second.choices[0]?.message.content, 'It is 18°C in Paris.');
    const sent = bedrock.requests.at(-1)?.json as { messages: unknown[] };
    assert.deepEqual(sent.messages.slice(1), [
      { role: 'assistant', content: [{ toolUse: { toolUseId: 'tooluse_paris', name: 'get_weather', input: { city: 'Paris' } } }] },
      { role: 'user', content: [{ toolResult: { toolUseId: 'tooluse_paris', content: [{ text: '{"celsius":18}' }] } }] },
    ]);
  });

  it('streams tool calls', async () => {
    const stream = await client.chat.completions.create({ model: 'claude-bedrock', messages: [{ role: 'user', content: 'weather?' }], tools: [WEATHER_TOOL], stream: true });
    let name = '';
    let args = '';
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      for (const delta of chunk.choices[0]?.delta.tool_calls ?? []) {
        name += delta.function?.name ?? '';
        args += delta.function?.arguments ?? '';
      }
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    assert.equal(name, 'get_weather');
    assert.equal(args, '{"city":"Paris"}');
    assert.equal(finish, 'tool_calls');
  });

  it('chats and streams Claude through InvokeModel', async () => {
    const completion = await client.chat.completions.create({ model: 'claude-invoke', messages: [{ role: 'user', content: 'hi' }], max_tokens: 20 });
    assert.equal(completion.choices[0]?.message.content, 'Hello from Bedrock');
    assert.equal((bedrock.requests.at(-1)?.json as { anthropic_version?: string }).anthropic_version, 'bedrock-2023-05-31');
    const stream = await client.chat.completions.create({ model: 'claude-invoke', messages: [{ role: 'user', content: 'hi' }], max_tokens: 20, stream: true });
    const { text } = await readChatStream(stream);
    assert.equal(text, 'Hello from Bedrock');
    assert.equal(bedrock.requests.at(-1)?.url, '/model/anthropic.claude-3-5-haiku-20241022-v1%3A0/invoke-with-response-stream');
  });

  it('embeds with Titan', async () => {
    const result = await client.embeddings.create({ model: 'titan-embed', input: ['hello world', 'bye'] });
    assert.equal(result.data.length, 2);
    assert.equal(result.data[0]?.embedding.length, 8);
    assert.equal(result.usage.prompt_tokens, 3);
  });

  it('answers upstream failures with OpenAI error bodies, never leaking the AWS secret', async () => {
    await assert.rejects(client.chat.completions.create({ model: 'claude-bedrock', messages: [{ role: 'user', content: 'too long' }] }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.BadRequestError);
      assert.equal(error.code, 'context_length_exceeded');
      return true;
    });
    await assert.rejects(client.chat.completions.create({ model: 'claude-bedrock', messages: [{ role: 'user', content: 'throttle me' }], stream: true }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.RateLimitError);
      return true;
    });
    await assert.rejects(client.chat.completions.create({ model: 'claude-wrong-secret', messages: [{ role: 'user', content: 'hi' }] }), (error: unknown) => {
      // The gateway's AWS secret was refused: a 502 naming the deployment, not a 401 (issue #14).
      assert.ok(error instanceof OpenAI.APIError && !(error instanceof OpenAI.AuthenticationError));
      assert.equal(error.status, 502);
      assert.equal(error.code, 'upstream_credential_error');
      assert.ok(!JSON.stringify(error.error).includes(AWS.secretAccessKey));
      assert.ok(!JSON.stringify(error.error).includes('not-the-secret-at-all'));
      return true;
    });
    const logs = gateway.logs.lines.join('\n');
    assert.ok(!logs.includes(AWS.secretAccessKey) && !logs.includes('not-the-secret-at-all'));
  });
});
