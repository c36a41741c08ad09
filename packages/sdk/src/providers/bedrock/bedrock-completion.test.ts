// The Bedrock Converse route end to end: completion() against the fake Bedrock Runtime,
// which verifies every SigV4 signature, asserting the exact wire request it recorded and
// the canonical result, for plain, streaming, tools, images, structured output, reasoning,
// cache usage, errors, exception frames and truncated streams.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { signFakeThinking, startFakeBedrockUpstream, type FakeChatReply } from '@llmux/fake-upstreams';
import {
  APIConnectionError,
  AuthenticationError,
  BadRequestError,
  completion,
  ContextWindowExceededError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServiceUnavailableError,
  UnsupportedParamsError,
  type ChatMessage,
  type FunctionTool,
} from '../../index.js';
import { collectStream } from '../__fixtures__/collect-stream.js';
import { useFakeUpstream } from '../__fixtures__/use-fake-upstream.js';
import { expectedCacheUsage } from '../__fixtures__/expected-usage.js';

const REGION = 'us-east-1';
const ACCESS_KEY_ID = 'AKIAFAKECONVERSE0001';
const SECRET = 'fake+secret/for/converse/tests/000000000';
const MODEL = 'us.anthropic.claude-3-5-haiku-20241022-v1:0';
const MODEL_PATH = '/model/us.anthropic.claude-3-5-haiku-20241022-v1%3A0';

const WEATHER_TOOL: FunctionTool = {
  type: 'function',
  function: { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};

function awsError(status: number, type: string, message: string): FakeChatReply {
  return { error: { status, body: { message }, headers: { 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/` } } };
}

describe('bedrock adapter, Converse', () => {
  const upstream = useFakeUpstream((reply) => startFakeBedrockUpstream({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET, region: REGION, reply }), { content: 'Hello there' });
  const settings = () => ({ aws_access_key_id: ACCESS_KEY_ID, aws_secret_access_key: SECRET, aws_region_name: REGION, aws_bedrock_runtime_endpoint: upstream.fake.url });
  const lastSent = () => upstream.fake.requests.at(-1);
  const call = (messages: ChatMessage[], extra: Record<string, unknown> = {}) => completion({ model: `bedrock/${MODEL}`, messages, ...settings(), ...extra, stream: false });
  const stream = (messages: ChatMessage[], extra: Record<string, unknown> = {}) => completion({ model: `bedrock/${MODEL}`, messages, ...settings(), ...extra, stream: true });

  it('sends system, messages and inferenceConfig, signed, and returns the canonical completion', async () => {
    upstream.reply = { content: 'Hi!', usage: { promptTokens: 11, completionTokens: 2 } };
    const response = await call(
      [
        { role: 'system', content: 'Be brief.' },
        { role: 'developer', content: [{ type: 'text', text: 'Answer in English.' }] },
        { role: 'user', content: 'Hello' },
      ],
      { temperature: 0.2, top_p: 0.9, max_tokens: 50, stop: 'END' },
    );

    const sent = lastSent();
    assert.equal(sent?.url, `${MODEL_PATH}/converse`);
    assert.equal(sent?.headers['content-type'], 'application/json');
    assert.equal(sent?.headers.accept, 'application/json');
    assert.match(
      sent?.headers.authorization ?? '',
      new RegExp(`^AWS4-HMAC-SHA256 Credential=${ACCESS_KEY_ID}/\\d{8}/us-east-1/bedrock/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}$`),
    );
    assert.deepEqual(sent?.json, {
      messages: [{ role: 'user', content: [{ text: 'Hello' }] }],
      system: [{ text: 'Be brief.' }, { text: 'Answer in English.' }],
      inferenceConfig: { maxTokens: 50, temperature: 0.2, topP: 0.9, stopSequences: ['END'] },
    });

    assert.equal(response.object, 'chat.completion');
    assert.match(response.id, /^chatcmpl-00000000-fake-/);
    assert.equal(response.model, MODEL);
    assert.deepEqual(response.choices, [{ index: 0, message: { role: 'assistant', refusal: null, content: 'Hi!' }, logprobs: null, finish_reason: 'stop' }]);
    assert.deepEqual(response.usage, expectedCacheUsage(11, 2));
    assert.equal(response.llmux.provider, 'bedrock');
    assert.deepEqual(response.llmux.warnings, []);
  });

  it('reports cache reads and writes inside prompt_tokens', async () => {
    upstream.reply = { content: 'cached', usage: { promptTokens: 50, completionTokens: 7, cachedTokens: 30, cacheWriteTokens: 5 } };
    const response = await call([{ role: 'user', content: 'Hello' }]);
    assert.deepEqual(response.usage, expectedCacheUsage(50, 7, { read: 30, write: 5 }));
  });

  it('sends images as bytes and refuses image URLs it cannot send', async () => {
    await call([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/4AAQ' } },
        ],
      },
    ]);
    assert.deepEqual((lastSent()?.json as { messages: unknown }).messages, [
      { role: 'user', content: [{ text: 'What is this?' }, { image: { format: 'jpeg', source: { bytes: '/9j/4AAQ' } } }] },
    ]);
    const before = upstream.fake.requests.length;
    await assert.rejects(call([{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/cat.png' } }] }]), BadRequestError);
    await assert.rejects(call([{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/tiff;base64,AAAA' } }] }]), /image\/tiff/);
    assert.equal(upstream.fake.requests.length, before);
  });

  it('round-trips tools: toolSpec and toolChoice out, toolUse back, toolUse and toolResult in the next turn', async () => {
    upstream.reply = { toolCalls: [{ id: 'tooluse_abc', name: 'get_weather', arguments: '{"city":"Paris"}' }] };
    const first = await call([{ role: 'user', content: 'Weather in Paris?' }], { tools: [WEATHER_TOOL], tool_choice: 'required' });
    assert.deepEqual((lastSent()?.json as { toolConfig: unknown }).toolConfig, {
      tools: [{ toolSpec: { name: 'get_weather', description: 'Weather for a city', inputSchema: { json: WEATHER_TOOL.function.parameters } } }],
      toolChoice: { any: {} },
    });
    assert.deepEqual(first.choices[0], {
      index: 0,
      message: {
        role: 'assistant',
        refusal: null,
        content: null,
        tool_calls: [{ id: 'tooluse_abc', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
      },
      logprobs: null,
      finish_reason: 'tool_calls',
    });

    upstream.reply = { content: 'It is sunny.' };
    const assistant = first.choices[0]?.message;
    assert.ok(assistant?.tool_calls !== undefined);
    const second = await call(
      [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: null, tool_calls: assistant.tool_calls },
        { role: 'tool', tool_call_id: 'tooluse_abc', content: '{"sky":"sunny"}' },
      ],
      { tools: [WEATHER_TOOL], tool_choice: { type: 'function', function: { name: 'get_weather' } } },
    );
    const sent = lastSent()?.json as { messages: unknown; toolConfig: { toolChoice: unknown } };
    assert.deepEqual(sent.messages, [
      { role: 'user', content: [{ text: 'Weather in Paris?' }] },
      { role: 'assistant', content: [{ toolUse: { toolUseId: 'tooluse_abc', name: 'get_weather', input: { city: 'Paris' } } }] },
      { role: 'user', content: [{ toolResult: { toolUseId: 'tooluse_abc', content: [{ text: '{"sky":"sunny"}' }] } }] },
    ]);
    assert.deepEqual(sent.toolConfig.toolChoice, { tool: { name: 'get_weather' } });
    assert.equal(second.choices[0]?.message.content, 'It is sunny.');
  });

  it('maps tool_choice auto, and none by leaving tools out unless the history needs them', async () => {
    await call([{ role: 'user', content: 'x' }], { tools: [WEATHER_TOOL], tool_choice: 'auto' });
    assert.deepEqual((lastSent()?.json as { toolConfig: { toolChoice: unknown } }).toolConfig.toolChoice, { auto: {} });
    const none = await call([{ role: 'user', content: 'x' }], { tools: [WEATHER_TOOL], tool_choice: 'none' });
    assert.equal((lastSent()?.json as { toolConfig?: unknown }).toolConfig, undefined);
    assert.deepEqual(none.llmux.warnings, []);
    const withHistory = await call(
      [
        { role: 'user', content: 'x' },
        { role: 'assistant', tool_calls: [{ id: 't1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 't1', content: 'ok' },
      ],
      { tools: [WEATHER_TOOL], tool_choice: 'none' },
    );
    assert.deepEqual((lastSent()?.json as { toolConfig: unknown }).toolConfig, {
      tools: [{ toolSpec: { name: 'get_weather', description: 'Weather for a city', inputSchema: { json: WEATHER_TOOL.function.parameters } } }],
    });
    assert.match(withHistory.llmux.warnings.join('\n'), /tool_choice "none"/);
  });

  it('emulates a JSON schema response_format with a forced tool, returning the JSON as content', async () => {
    const schema = { type: 'object', properties: { name: { type: 'string' }, age: { type: 'number' } }, required: ['name', 'age'] };
    upstream.reply = { toolCalls: [{ name: 'json_tool_call', arguments: '{"name":"Ada","age":36}' }] };
    const response = await call([{ role: 'user', content: 'Who?' }], { response_format: { type: 'json_schema', json_schema: { name: 'person', schema } } });
    assert.deepEqual((lastSent()?.json as { toolConfig: unknown }).toolConfig, {
      tools: [{ toolSpec: { name: 'json_tool_call', description: 'Respond with a JSON object that matches the "person" schema.', inputSchema: { json: schema } } }],
      toolChoice: { tool: { name: 'json_tool_call' } },
    });
    assert.deepEqual(response.choices[0], { index: 0, message: { role: 'assistant', refusal: null, content: '{"name":"Ada","age":36}' }, logprobs: null, finish_reason: 'stop' });

    const result = await stream([{ role: 'user', content: 'Who?' }], { response_format: { type: 'json_schema', json_schema: { name: 'person', schema } } });
    const chunks = await collectStream(result);
    assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), '{"name":"Ada","age":36}');
    assert.ok(chunks.every((chunk) => chunk.choices[0]?.delta.tool_calls === undefined));
    assert.equal(chunks.at(-1)?.choices[0]?.finish_reason, 'stop');
  });

  it('turns reasoning_effort into a Claude thinking budget and reasoningContent into reasoning_content', async () => {
    upstream.reply = { reasoning: 'Two plus two is four.', content: '4' };
    const response = await call([{ role: 'user', content: '2+2?' }], { reasoning_effort: 'low' });
    const sent = lastSent()?.json as { additionalModelRequestFields: unknown; inferenceConfig: unknown };
    assert.deepEqual(sent.additionalModelRequestFields, { thinking: { type: 'enabled', budget_tokens: 2048 } });
    assert.deepEqual(sent.inferenceConfig, { maxTokens: 6144 });
    assert.match(response.llmux.warnings.join('\n'), /thinking budget/);
    assert.deepEqual(response.choices[0]?.message, {
      role: 'assistant',
      refusal: null,
      content: '4',
      reasoning_content: 'Two plus two is four.',
      thinking_blocks: [{ type: 'thinking', thinking: 'Two plus two is four.', signature: signFakeThinking('Two plus two is four.') }],
    });

    const result = await stream([{ role: 'user', content: '2+2?' }], { reasoning_effort: 'low', max_tokens: 8000 });
    const chunks = await collectStream(result);
    assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.reasoning_content ?? '').join(''), 'Two plus two is four.');
    assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), '4');
    assert.deepEqual((lastSent()?.json as { inferenceConfig: unknown }).inferenceConfig, { maxTokens: 8000 });

    const nova = await completion({ model: 'bedrock/converse/amazon.nova-pro-v1:0', messages: [{ role: 'user', content: 'x' }], reasoning_effort: 'high', ...settings() });
    assert.equal(lastSent()?.url, '/model/amazon.nova-pro-v1%3A0/converse');
    assert.equal((lastSent()?.json as { additionalModelRequestFields?: unknown }).additionalModelRequestFields, undefined);
    assert.match(nova.llmux.warnings.join('\n'), /reasoning_effort/);
  });

  it('streams canonical chunks over the binary event stream, with usage last', async () => {
    upstream.reply = { content: 'one two three', usage: { promptTokens: 5, completionTokens: 3 } };
    const result = await stream([{ role: 'user', content: 'count' }], { stream_options: { include_usage: true } });
    const chunks = await collectStream(result);
    assert.equal(lastSent()?.url, `${MODEL_PATH}/converse-stream`);
    assert.equal(lastSent()?.headers.accept, 'application/vnd.amazon.eventstream');
    assert.equal((lastSent()?.json as { stream?: unknown }).stream, undefined);
    assert.deepEqual(chunks[0]?.choices[0], { index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null });
    assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), 'one two three');
    assert.ok(chunks.every((chunk) => chunk.object === 'chat.completion.chunk' && chunk.model === MODEL && chunk.id === chunks[0]?.id));
    assert.equal(chunks.at(-2)?.choices[0]?.finish_reason, 'stop');
    assert.deepEqual(chunks.at(-1)?.choices, []);
    assert.deepEqual(chunks.at(-1)?.usage, expectedCacheUsage(5, 3));
    assert.equal(result.usage?.total_tokens, 8);
  });

  it('streams tool calls with OpenAI indexes and argument fragments', async () => {
    upstream.reply = {
      content: 'Checking.',
      toolCalls: [
        { id: 'tooluse_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { id: 'tooluse_2', name: 'get_weather', arguments: '{"city":"London"}' },
      ],
    };
    const chunks = await collectStream(await stream([{ role: 'user', content: 'x' }], { tools: [WEATHER_TOOL] }));
    const heads = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []).filter((delta) => delta.id !== undefined);
    assert.deepEqual(heads, [
      { index: 0, id: 'tooluse_1', type: 'function', function: { name: 'get_weather', arguments: '' } },
      { index: 1, id: 'tooluse_2', type: 'function', function: { name: 'get_weather', arguments: '' } },
    ]);
    const argumentsOf = (index: number) =>
      chunks
        .flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? [])
        .filter((delta) => delta.index === index)
        .map((delta) => delta.function?.arguments ?? '')
        .join('');
    assert.equal(argumentsOf(0), '{"city":"Paris"}');
    assert.equal(argumentsOf(1), '{"city":"London"}');
    assert.equal(chunks.find((chunk) => chunk.choices[0]?.finish_reason !== null)?.choices[0]?.finish_reason, 'tool_calls');
  });

  it('throws an exception frame mid-stream as the typed error, after the content before it', async () => {
    upstream.reply = { content: 'one two three four', failAfterChunks: 2 };
    const result = await stream([{ role: 'user', content: 'x' }]);
    const texts: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const chunk of result) texts.push(chunk.choices[0]?.delta.content ?? '');
      })(),
      (error: unknown) => error instanceof RateLimitError && error.code === 'throttlingException' && error.provider === 'bedrock',
    );
    assert.equal(texts.join(''), 'one two ');
  });

  it('throws an exception frame before any content from completion() itself, where retries still apply', async () => {
    upstream.reply = { content: 'one two', failAfterChunks: 0 };
    await assert.rejects(stream([{ role: 'user', content: 'x' }]), RateLimitError);
  });

  it('refuses to end quietly when the stream stops before messageStop', async () => {
    upstream.reply = { content: 'one two three four', dropAfterChunks: 2 };
    const result = await stream([{ role: 'user', content: 'x' }]);
    await assert.rejects(collectStream(result), (error: unknown) => error instanceof APIConnectionError && /before messageStop/.test(error.message));
  });

  it('maps AWS error names to typed errors', async () => {
    const cases: Array<[FakeChatReply, new (...args: never[]) => Error, string | null]> = [
      [awsError(400, 'ValidationException', 'Input is too long for requested model.'), ContextWindowExceededError, 'context_length_exceeded'],
      [awsError(400, 'ValidationException', 'messages.0: field required'), BadRequestError, 'ValidationException'],
      [awsError(429, 'ThrottlingException', 'Too many tokens, please wait before trying again.'), RateLimitError, 'ThrottlingException'],
      [awsError(403, 'AccessDeniedException', "You don't have access to the model with the specified model ID."), PermissionDeniedError, 'AccessDeniedException'],
      [awsError(404, 'ResourceNotFoundException', 'Model not found.'), NotFoundError, 'ResourceNotFoundException'],
      [awsError(429, 'ModelNotReadyException', 'Model is not ready.'), ServiceUnavailableError, 'ModelNotReadyException'],
      [awsError(503, 'ServiceUnavailableException', 'Service unavailable.'), ServiceUnavailableError, 'ServiceUnavailableException'],
    ];
    for (const [reply, errorClass, code] of cases) {
      upstream.reply = reply;
      await assert.rejects(call([{ role: 'user', content: 'x' }]), (error: unknown) => {
        assert.ok(error instanceof errorClass, `${String(error)} should be a ${errorClass.name}`);
        // `code` is on every LlmuxError; the loop's errorClass type is the base Error.
        assert.equal((error as unknown as { code: string | null }).code, code);
        return true;
      });
    }
    upstream.reply = awsError(429, 'ModelNotReadyException', 'Model is not ready.');
    await assert.rejects(stream([{ role: 'user', content: 'x' }]), ServiceUnavailableError);
  });

  it('rejects a wrong secret with a typed 401 that never contains the secret', async () => {
    await assert.rejects(call([{ role: 'user', content: 'x' }], { aws_secret_access_key: 'wrong-secret-value-123456' }), (error: unknown) => {
      assert.ok(error instanceof AuthenticationError);
      assert.equal(error.code, 'InvalidSignatureException');
      assert.ok(!error.message.includes('wrong-secret-value-123456'));
      return true;
    });
    upstream.reply = awsError(400, 'ValidationException', `bad request signed with ${SECRET}`);
    await assert.rejects(call([{ role: 'user', content: 'x' }]), (error: unknown) => error instanceof BadRequestError && !error.message.includes(SECRET));
  });

  it('signs extra headers and routes bedrock/converse/ ids', async () => {
    await completion({
      model: 'bedrock/converse/meta.llama3-70b-instruct-v1:0',
      messages: [{ role: 'user', content: 'x' }],
      extra_headers: { 'x-amzn-bedrock-guardrailidentifier': 'gr-1' },
      ...settings(),
    });
    assert.equal(lastSent()?.url, '/model/meta.llama3-70b-instruct-v1%3A0/converse');
    assert.equal(lastSent()?.headers['x-amzn-bedrock-guardrailidentifier'], 'gr-1');
    assert.match(lastSent()?.headers.authorization ?? '', /x-amzn-bedrock-guardrailidentifier/);

    // An ARN's `/` is encoded in the path, and the signature (which encodes the path again) still holds.
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123';
    const response = await completion({ model: `bedrock/${arn}`, messages: [{ role: 'user', content: 'x' }], ...settings() });
    assert.equal(lastSent()?.url, '/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aapplication-inference-profile%2Fabc123/converse');
    assert.equal(response.choices[0]?.message.content, 'Hello there');
  });

  it('rejects parameters Converse cannot honour, or drops them with a warning', async () => {
    await assert.rejects(call([{ role: 'user', content: 'x' }], { n: 2 }), UnsupportedParamsError);
    const dropped = await call([{ role: 'user', content: 'x' }], { n: 2, drop_params: true });
    assert.match(dropped.llmux.warnings.join('\n'), /dropped parameter "n"/);
  });
});
