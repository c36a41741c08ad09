// Proves the fake Bedrock Runtime is faithful: the official @aws-sdk/client-bedrock-runtime
// signs its requests, parses its JSON and decodes its binary event streams (checking every
// CRC), and a request signed with the wrong secret is refused as AWS refuses it.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  type BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
  type ConverseStreamOutput,
} from '@aws-sdk/client-bedrock-runtime';
import type { FakeChatReply } from './fake-chat-reply.js';
import { startFakeBedrockUpstream } from './fake-bedrock-upstream.js';
import type { RecordedRequest } from './start-fake-server.js';
import { createBedrockRuntimeClient, useFakeBedrockRuntime } from './__fixtures__/use-fake-bedrock-runtime.js';

const REGION = 'us-west-2';
const CREDENTIALS = { accessKeyId: 'AKIAFAKEBEDROCK00001', secretAccessKey: 'fake/secret/key/for+bedrock/tests0000000' };
const MODEL = 'us.anthropic.claude-sonnet-4-20250514-v1:0';

function createClient(overrides: { region?: string; credentials?: typeof CREDENTIALS }, url: string): BedrockRuntimeClient {
  return createBedrockRuntimeClient({ region: overrides.region ?? REGION, credentials: overrides.credentials ?? CREDENTIALS }, url);
}

/** Tests pick the reply with a marker in the last user message text. */
const REPLIES: Record<string, FakeChatReply> = {
  weather: { toolCalls: [{ id: 'tooluse_weather_1', name: 'get_weather', arguments: '{"city":"Paris"}' }] },
  think: { reasoning: 'The user greets me.', content: 'Hi there, friend', usage: { promptTokens: 50, completionTokens: 7, cachedTokens: 30, cacheWriteTokens: 5 } },
  throttle: { content: 'one two three four', failAfterChunks: 2 },
};

function lastText(request: RecordedRequest): string {
  const body = request.json as { messages?: Array<{ content: string | Array<{ text?: string }> }> };
  const content = body.messages?.at(-1)?.content;
  return typeof content === 'string' ? content : (content ?? []).map((part) => part.text ?? '').join('');
}

describe('fake Bedrock upstream, driven by @aws-sdk/client-bedrock-runtime', () => {
  const suite = useFakeBedrockRuntime({ region: REGION, credentials: CREDENTIALS }, () =>
    startFakeBedrockUpstream({ ...CREDENTIALS, region: REGION, reply: (request) => REPLIES[lastText(request)] ?? { content: 'Hello from the fake' } }),
  );

  it('answers Converse, with the model id encoded in the signed path', async () => {
    const output = await suite.client.send(new ConverseCommand({ modelId: MODEL, messages: [{ role: 'user', content: [{ text: 'hi' }] }], inferenceConfig: { maxTokens: 64 } }));
    assert.deepEqual(output.output?.message?.content, [{ text: 'Hello from the fake' }]);
    assert.equal(output.stopReason, 'end_turn');
    assert.equal(output.usage?.inputTokens, 10);
    assert.equal(suite.fake.requests.at(-1)?.url, '/model/us.anthropic.claude-sonnet-4-20250514-v1%3A0/converse');
    assert.match(suite.fake.requests.at(-1)?.headers.authorization ?? '', /^AWS4-HMAC-SHA256 Credential=AKIAFAKEBEDROCK00001\/\d{8}\/us-west-2\/bedrock\/aws4_request/);
  });

  it('answers Converse with tool use and reasoning blocks', async () => {
    const tools = await suite.client.send(new ConverseCommand({ modelId: MODEL, messages: [{ role: 'user', content: [{ text: 'weather' }] }] }));
    assert.deepEqual(tools.output?.message?.content, [{ toolUse: { toolUseId: 'tooluse_weather_1', name: 'get_weather', input: { city: 'Paris' } } }]);
    assert.equal(tools.stopReason, 'tool_use');
    const think = await suite.client.send(new ConverseCommand({ modelId: MODEL, messages: [{ role: 'user', content: [{ text: 'think' }] }] }));
    const first = think.output?.message?.content?.[0];
    assert.equal(first?.reasoningContent?.reasoningText?.text, 'The user greets me.');
    assert.deepEqual(think.usage, { inputTokens: 15, outputTokens: 7, totalTokens: 57, cacheReadInputTokens: 30, cacheWriteInputTokens: 5 });
  });

  it('streams ConverseStream events the SDK decodes frame by frame', async () => {
    const output = await suite.client.send(new ConverseStreamCommand({ modelId: MODEL, messages: [{ role: 'user', content: [{ text: 'weather' }] }] }));
    const events: ConverseStreamOutput[] = [];
    for await (const event of output.stream ?? []) events.push(event);
    assert.deepEqual(
      events.map((event) => Object.keys(event)[0]),
      ['messageStart', 'contentBlockStart', 'contentBlockDelta', 'contentBlockDelta', 'contentBlockDelta', 'contentBlockStop', 'messageStop', 'metadata'],
    );
    assert.deepEqual(events[1]?.contentBlockStart?.start?.toolUse, { toolUseId: 'tooluse_weather_1', name: 'get_weather' });
    const input = events.map((event) => event.contentBlockDelta?.delta?.toolUse?.input ?? '').join('');
    assert.equal(input, '{"city":"Paris"}');
    assert.equal(events[6]?.messageStop?.stopReason, 'tool_use');
    assert.equal(events[7]?.metadata?.usage?.totalTokens, 15);
  });

  it('sends a mid-stream exception frame the SDK raises as the modelled exception', async () => {
    const output = await suite.client.send(new ConverseStreamCommand({ modelId: MODEL, messages: [{ role: 'user', content: [{ text: 'throttle' }] }] }));
    const texts: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const event of output.stream ?? []) texts.push(event.contentBlockDelta?.delta?.text ?? '');
      })(),
      (error: unknown) => error instanceof Error && error.name === 'ThrottlingException',
    );
    assert.equal(texts.join(''), 'one two ');
  });

  it('answers InvokeModel for Claude with a Messages API message', async () => {
    const body = { anthropic_version: 'bedrock-2023-05-31', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] };
    const output = await suite.client.send(new InvokeModelCommand({ modelId: MODEL, contentType: 'application/json', accept: 'application/json', body: JSON.stringify(body) }));
    const message = JSON.parse(Buffer.from(output.body).toString('utf8')) as { type: string; content: unknown; model: string };
    assert.equal(message.type, 'message');
    assert.equal(message.model, MODEL);
    assert.deepEqual(message.content, [{ type: 'text', text: 'Hello from the fake' }]);
  });

  it('refuses an InvokeModel call naming a beta flag Bedrock does not accept, and takes one it does', async () => {
    const body = (betas: string[]) =>
      JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', anthropic_beta: betas, max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] });
    await assert.rejects(
      suite.client.send(new InvokeModelCommand({ modelId: MODEL, contentType: 'application/json', body: body(['interleaved-thinking-2025-05-14', 'oauth-2025-04-20']) })),
      (error: unknown) => error instanceof Error && error.name === 'ValidationException' && /invalid beta flag/.test(error.message),
    );
    const output = await suite.client.send(new InvokeModelCommand({ modelId: MODEL, contentType: 'application/json', body: body(['interleaved-thinking-2025-05-14']) }));
    assert.equal((JSON.parse(Buffer.from(output.body).toString('utf8')) as { type: string }).type, 'message');
  });

  it('streams InvokeModelWithResponseStream chunks of base64 Anthropic events', async () => {
    const body = { anthropic_version: 'bedrock-2023-05-31', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] };
    const output = await suite.client.send(new InvokeModelWithResponseStreamCommand({ modelId: MODEL, contentType: 'application/json', body: JSON.stringify(body) }));
    const types: string[] = [];
    let text = '';
    for await (const event of output.body ?? []) {
      const inner = JSON.parse(Buffer.from(event.chunk?.bytes ?? new Uint8Array()).toString('utf8')) as { type: string; delta?: { text?: string } };
      types.push(inner.type);
      text += inner.delta?.text ?? '';
    }
    assert.equal(types[0], 'message_start');
    assert.equal(types.at(-1), 'message_stop');
    assert.equal(text, 'Hello from the fake');
  });

  it('answers Titan and Cohere embeddings through InvokeModel', async () => {
    const titan = await suite.client.send(new InvokeModelCommand({ modelId: 'amazon.titan-embed-text-v2:0', body: JSON.stringify({ inputText: 'hello world', dimensions: 4 }) }));
    const titanBody = JSON.parse(Buffer.from(titan.body).toString('utf8')) as { embedding: number[]; inputTextTokenCount: number };
    assert.equal(titanBody.embedding.length, 4);
    assert.equal(titanBody.inputTextTokenCount, 2);
    const cohere = await suite.client.send(
      new InvokeModelCommand({ modelId: 'cohere.embed-english-v3', body: JSON.stringify({ texts: ['a', 'b c'], input_type: 'search_query' }) }),
    );
    const cohereBody = JSON.parse(Buffer.from(cohere.body).toString('utf8')) as { embeddings: number[][] };
    assert.equal(cohereBody.embeddings.length, 2);
  });

  it('refuses a request signed with the wrong secret, as AWS does', async () => {
    const wrong = createClient({ credentials: { ...CREDENTIALS, secretAccessKey: 'not-the-secret' } }, suite.fake.url);
    await assert.rejects(wrong.send(new ConverseCommand({ modelId: MODEL, messages: [{ role: 'user', content: [{ text: 'hi' }] }] })), (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.equal(error.name, 'InvalidSignatureException');
      assert.match(error.message, /signature we calculated does not match/);
      assert.equal((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode, 403);
      return true;
    });
    const unknownKey = createClient({ credentials: { ...CREDENTIALS, accessKeyId: 'AKIAUNKNOWN000000000' } }, suite.fake.url);
    await assert.rejects(unknownKey.send(new ConverseCommand({ modelId: MODEL, messages: [{ role: 'user', content: [{ text: 'hi' }] }] })), {
      name: 'UnrecognizedClientException',
    });
    const wrongRegion = createClient({ region: 'eu-west-1' }, suite.fake.url);
    await assert.rejects(wrongRegion.send(new ConverseCommand({ modelId: MODEL, messages: [{ role: 'user', content: [{ text: 'hi' }] }] })), { name: 'InvalidSignatureException' });
    wrong.destroy();
    unknownKey.destroy();
    wrongRegion.destroy();
  });
});
