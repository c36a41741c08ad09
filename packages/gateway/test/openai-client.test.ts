// End to end with the official `openai` client: the gateway in process, fake OpenAI and
// Anthropic upstreams on port 0, deployments whose keys come from os.environ/ references.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeAnthropicUpstream, startFakeOpenAIUpstream, type FakeChatReply, type FakeServer, type RecordedRequest } from '@llmux/fake-upstreams';
import OpenAI from 'openai';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.js';
import { readChatStream } from './helpers/read-chat-stream.js';

const MASTER_KEY = 'sk-master-e2e';
const OPENAI_KEY = 'sk-openai-upstream-secret-4242';
const ANTHROPIC_KEY = 'sk-ant-upstream-secret-2424';

/** The fake's answer, chosen by the last user message. */
function replyFor(request: RecordedRequest): FakeChatReply {
  const messages = (request.json as { messages?: Array<{ role: string; content: unknown }> }).messages ?? [];
  const last = messages.filter((message) => message.role === 'user').at(-1);
  const text = typeof last?.content === 'string' ? last.content : '';
  if (text === 'rate limit me') {
    return {
      error: { status: 429, body: { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded', param: null } }, headers: { 'retry-after': '7' } },
    };
  }
  if (text === 'break') return { error: { status: 500, body: { error: { message: 'The server had an error', type: 'server_error', param: null, code: null } } } };
  if (text === 'echo my key') {
    return {
      error: { status: 401, body: { error: { message: `Incorrect API key provided: ${OPENAI_KEY}.`, type: 'invalid_request_error', param: null, code: 'invalid_api_key' } } },
    };
  }
  if (text === 'fail midway') return { content: 'one two three four five', failAfterChunks: 1 };
  if (text === 'weather?') return { toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }] };
  if (text === 'json please') return { content: '{"name":"Ada","age":36}' };
  return { content: 'Hello there from the fake upstream', usage: { promptTokens: 12, completionTokens: 6 } };
}

function anthropicReplyFor(request: RecordedRequest): FakeChatReply {
  const body = request.json as { tools?: Array<{ name: string }> };
  if (body.tools?.some((tool) => tool.name === 'json_tool_call')) {
    return { toolCalls: [{ name: 'json_tool_call', arguments: '{"name":"Ada","age":36}' }] };
  }
  return { content: 'Hello from Claude', usage: { promptTokens: 9, completionTokens: 4 } };
}

describe('gateway with the openai client', () => {
  let openaiUpstream: FakeServer;
  let anthropicUpstream: FakeServer;
  let gateway: TestGateway;
  let client: OpenAI;

  before(async () => {
    openaiUpstream = await startFakeOpenAIUpstream({ apiKey: OPENAI_KEY, reply: replyFor });
    anthropicUpstream = await startFakeAnthropicUpstream({ apiKey: ANTHROPIC_KEY, reply: anthropicReplyFor });
    const env = { ...process.env, LLMUX_E2E_OPENAI_KEY: OPENAI_KEY, LLMUX_E2E_ANTHROPIC_KEY: ANTHROPIC_KEY };
    const openaiParams = { api_base: `${openaiUpstream.url}/v1`, api_key: 'os.environ/LLMUX_E2E_OPENAI_KEY' };
    gateway = await startTestGateway(
      {
        model_list: [
          {
            model_name: 'gpt-test',
            litellm_params: { model: 'openai/gpt-4o-mini', ...openaiParams, input_cost_per_token: 0.000001, output_cost_per_token: 0.000002 },
            model_info: { id: 'openai-deployment-1' },
          },
          {
            model_name: 'claude-test',
            litellm_params: { model: 'anthropic/claude-3-5-haiku-latest', api_base: anthropicUpstream.url, api_key: 'os.environ/LLMUX_E2E_ANTHROPIC_KEY' },
          },
          {
            model_name: 'claude-lenient',
            litellm_params: { model: 'anthropic/claude-3-5-haiku-latest', api_base: anthropicUpstream.url, api_key: 'os.environ/LLMUX_E2E_ANTHROPIC_KEY', drop_params: true },
          },
          { model_name: 'embed-test', litellm_params: { model: 'openai/text-embedding-3-small', ...openaiParams } },
        ],
        general_settings: { master_key: MASTER_KEY },
      },
      env,
    );
    client = new OpenAI({ apiKey: MASTER_KEY, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
  });
  after(async () => {
    await gateway.close();
    await openaiUpstream.close();
    await anthropicUpstream.close();
  });

  it('chats with an OpenAI deployment, with cost and deployment headers', async () => {
    const { data, response } = await client.chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    assert.equal(data.choices[0]?.message.content, 'Hello there from the fake upstream');
    assert.equal(data.usage?.prompt_tokens, 12);
    assert.equal(response.headers.get('x-litellm-model-id'), 'openai-deployment-1');
    assert.equal(response.headers.get('x-litellm-model-group'), 'gpt-test');
    assert.ok(Math.abs(Number(response.headers.get('x-litellm-response-cost')) - (12 * 0.000001 + 6 * 0.000002)) < 1e-12);
    assert.ok(response.headers.get('x-request-id'));
    assert.equal(openaiUpstream.requests.at(-1)?.headers.authorization, `Bearer ${OPENAI_KEY}`);
  });

  it('chats with an Anthropic deployment through the same API', async () => {
    const { data, response } = await client.chat.completions.create({ model: 'claude-test', messages: [{ role: 'user', content: 'hi' }], max_tokens: 50 }).withResponse();
    assert.equal(data.choices[0]?.message.content, 'Hello from Claude');
    assert.equal(data.usage?.completion_tokens, 4);
    assert.equal(typeof response.headers.get('x-litellm-model-id'), 'string');
    assert.equal(anthropicUpstream.requests.at(-1)?.headers['x-api-key'], ANTHROPIC_KEY);
  });

  it('streams, with usage when include_usage is set', async () => {
    for (const model of ['gpt-test', 'claude-test']) {
      const stream = await client.chat.completions.create({
        model,
        messages: [{ role: 'user', content: 'hi' }],
        max_tokens: 50,
        stream: true,
        stream_options: { include_usage: true },
      });
      const { text, usage, chunks } = await readChatStream(stream);
      assert.ok(chunks > 1, model);
      assert.equal(text, model === 'gpt-test' ? 'Hello there from the fake upstream' : 'Hello from Claude');
      assert.ok(usage !== undefined && usage !== null && usage.total_tokens > 0, model);
    }
  });

  it('streams without a usage chunk when include_usage is not set', async () => {
    const stream = await client.chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }], stream: true });
    for await (const chunk of stream) assert.ok(!chunk.usage, 'unexpected usage chunk');
  });

  it('round-trips tools', async () => {
    const tools: OpenAI.ChatCompletionTool[] = [
      { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } },
    ];
    const first = await client.chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: 'weather?' }], tools });
    const call = first.choices[0]?.message.tool_calls?.[0];
    assert.ok(call !== undefined && call.type === 'function');
    assert.equal(call.function.name, 'get_weather');
    assert.deepEqual(JSON.parse(call.function.arguments), { city: 'Paris' });
    assert.equal(first.choices[0]?.finish_reason, 'tool_calls');
    const second = await client.chat.completions.create({
      model: 'gpt-test',
      tools,
      messages: [
        { role: 'user', content: 'weather?' },
        { role: 'assistant', content: null, tool_calls: [call] },
        { role: 'tool', tool_call_id: call.id, content: '{"temperature": 21}' },
        { role: 'user', content: 'thanks' },
      ],
    });
    assert.equal(second.choices[0]?.message.content, 'Hello there from the fake upstream');
    const sent = openaiUpstream.requests.at(-1)?.json as { messages: Array<{ role: string; tool_call_id?: string }>; tools: unknown[] };
    assert.equal(sent.messages[2]?.tool_call_id, 'call_1');
    assert.equal(sent.tools.length, 1);
  });

  it('passes structured output (json_schema) through, for OpenAI and Anthropic deployments', async () => {
    const response_format = {
      type: 'json_schema' as const,
      json_schema: {
        name: 'person',
        strict: true,
        schema: { type: 'object', properties: { name: { type: 'string' }, age: { type: 'number' } }, required: ['name', 'age'], additionalProperties: false },
      },
    };
    const openaiResult = await client.chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: 'json please' }], response_format });
    assert.deepEqual(JSON.parse(openaiResult.choices[0]?.message.content ?? ''), { name: 'Ada', age: 36 });
    assert.equal((openaiUpstream.requests.at(-1)?.json as { response_format: { type: string } }).response_format.type, 'json_schema');
    const claudeResult = await client.chat.completions.create({ model: 'claude-test', max_tokens: 100, messages: [{ role: 'user', content: 'json please' }], response_format });
    assert.deepEqual(JSON.parse(claudeResult.choices[0]?.message.content ?? ''), { name: 'Ada', age: 36 });
  });

  it('rejects a parameter the provider cannot honour with 400, or drops it with a warning header', async () => {
    await assert.rejects(client.chat.completions.create({ model: 'claude-test', max_tokens: 20, seed: 1, messages: [{ role: 'user', content: 'hi' }] }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.BadRequestError);
      assert.equal(error.code, 'unsupported_parameter');
      assert.equal(error.param, 'seed');
      return true;
    });
    const { data, response } = await client.chat.completions
      .create({ model: 'claude-lenient', max_tokens: 20, seed: 1, messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    assert.equal(data.choices[0]?.message.content, 'Hello from Claude');
    assert.match(response.headers.get('x-llmux-warnings') ?? '', /seed/);
  });

  it('embeds', async () => {
    const { data, response } = await client.embeddings.create({ model: 'embed-test', input: ['hello world', 'bye'] }).withResponse();
    assert.equal(data.data.length, 2);
    assert.equal(data.data[0]?.embedding.length, 8);
    assert.equal(data.usage.prompt_tokens, 3);
    assert.equal(response.headers.get('x-litellm-model-group'), 'embed-test');
  });

  it('lists models', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    assert.deepEqual(ids, ['gpt-test', 'claude-test', 'claude-lenient', 'embed-test']);
  });

  it('enforces the master key', async () => {
    for (const apiKey of ['sk-wrong', '']) {
      const anonymous = new OpenAI({ apiKey: apiKey || 'placeholder', baseURL: `${gateway.url}/v1`, maxRetries: 0, defaultHeaders: apiKey ? {} : { authorization: null } });
      await assert.rejects(anonymous.chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }] }), (error: unknown) => {
        assert.ok(error instanceof OpenAI.AuthenticationError);
        assert.equal(error.status, 401);
        assert.equal(error.code, apiKey ? 'invalid_api_key' : 'missing_api_key');
        return true;
      });
    }
  });

  it('maps an upstream 429 to 429 with retry-after, and a 500 to 5xx', async () => {
    await assert.rejects(client.chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: 'rate limit me' }] }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.RateLimitError);
      assert.equal(error.headers.get('retry-after'), '7');
      return true;
    });
    await assert.rejects(client.chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: 'break' }] }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.InternalServerError);
      assert.ok(error.status >= 500);
      return true;
    });
  });

  it('makes a mid-stream upstream error throw in the client, not truncate silently', async () => {
    const stream = await client.chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: 'fail midway' }], stream: true });
    let received = '';
    await assert.rejects(
      (async () => {
        for await (const chunk of stream) received += chunk.choices[0]?.delta.content ?? '';
      })(),
      (error: unknown) => {
        assert.ok(error instanceof OpenAI.APIError, String(error));
        return true;
      },
    );
    assert.ok(received.length > 0, 'the chunks before the error arrive');
    const line = gateway.logs.records().find((record) => record['stream'] === true && typeof record['errorClass'] === 'string');
    assert.ok(line !== undefined, 'the mid-stream error is logged');
  });

  it('never shows the upstream key an upstream echoes, to the client or in the logs', async () => {
    await assert.rejects(client.chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: 'echo my key' }] }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.APIError);
      assert.ok(!JSON.stringify(error.error).includes(OPENAI_KEY), 'key in error body');
      assert.ok(!error.message.includes(OPENAI_KEY), 'key in error message');
      return true;
    });
    assert.ok(gateway.logs.lines.length > 0);
    for (const line of gateway.logs.lines) {
      assert.ok(!line.includes(OPENAI_KEY) && !line.includes(ANTHROPIC_KEY), `upstream key logged: ${line}`);
      assert.ok(!line.includes(MASTER_KEY), `master key logged: ${line}`);
    }
  });
});
