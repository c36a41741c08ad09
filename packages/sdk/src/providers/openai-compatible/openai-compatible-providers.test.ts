// Each quirk row through completion(), against a scripted server that answers in that
// provider's recorded wire shapes (own test data, same deviations as the fixtures).

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { sendJson, sendSse, startFakeServer, type FakeServer } from '@llmux/fake-upstreams';
import { BadRequestError, UnsupportedParamsError, completion, getDefaultProviderRegistry, type ChatMessage } from '../../index.js';
import { createMistralToolCallId } from './create-mistral-tool-call-id.js';
import { OPENAI_COMPATIBLE_PROVIDERS } from './openai-compatible-providers.js';
import { withSavedEnv } from '../__fixtures__/saved-env.js';
import { collectStream } from '../__fixtures__/collect-stream.js';

type Script = { json: unknown } | { sse: unknown[] } | { status: number; json: unknown };

describe('OpenAI-compatible rows', () => {
  let server: FakeServer;
  let script: Script = { json: {} };
  const sent = () => server.requests.at(-1);
  const sentBody = () => sent()?.json as Record<string, unknown>;
  const options = (provider: string, extra: Record<string, unknown> = {}) => ({
    api_base: server.url,
    api_key: `key-for-${provider}`,
    messages: [{ role: 'user', content: 'hi' }] as ChatMessage[],
    ...extra,
  });
  before(async () => {
    server = await startFakeServer((_request, response) => {
      if ('sse' in script) {
        return sendSse(response, [...script.sse.map((event) => (typeof event === 'string' ? event : `data: ${JSON.stringify(event)}\n\n`)), 'data: [DONE]\n\n']);
      }
      return sendJson(response, 'status' in script ? script.status : 200, script.json);
    });
  });
  after(() => server.close());

  const base = { id: 'x1', object: 'chat.completion', created: 1764660903 };
  const chunkOf = (model: string, choices: unknown[], extra: Record<string, unknown> = {}) => ({
    id: 'x1',
    object: 'chat.completion.chunk',
    created: 1764660903,
    model,
    choices,
    ...extra,
  });

  describe('deepseek', () => {
    it('passes reasoning_content through in the message, and cached tokens from its usage', async () => {
      script = {
        json: {
          ...base,
          model: 'deepseek-reasoner',
          choices: [
            {
              index: 0,
              message: {
                role: 'assistant',
                content: '',
                reasoning_content: 'The user wants weather.',
                tool_calls: [{ index: 0, id: 'call_00_abc', type: 'function', function: { name: 'weather', arguments: '{"location":"Oslo"}' } }],
              },
              logprobs: null,
              finish_reason: 'tool_calls',
            },
          ],
          usage: { prompt_tokens: 339, completion_tokens: 92, total_tokens: 431, prompt_cache_hit_tokens: 320, prompt_cache_miss_tokens: 19 },
          system_fingerprint: 'fp_x',
        },
      };
      const history: ChatMessage[] = [
        { role: 'user', content: 'Weather?' },
        { role: 'assistant', content: '', reasoning_content: 'Earlier thought.', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
      ];
      const response = await completion({ model: 'deepseek/deepseek-reasoner', ...options('deepseek', { messages: history, max_completion_tokens: 100 }) });
      assert.equal(sent()?.url, '/chat/completions');
      assert.equal(sent()?.headers.authorization, 'Bearer key-for-deepseek');
      assert.deepEqual(sentBody(), { model: 'deepseek-reasoner', messages: history, max_tokens: 100 });
      assert.deepEqual(response.choices[0]?.message, {
        role: 'assistant',
        refusal: null,
        content: '',
        reasoning_content: 'The user wants weather.',
        tool_calls: [{ id: 'call_00_abc', type: 'function', function: { name: 'weather', arguments: '{"location":"Oslo"}' } }],
      });
      assert.deepEqual(response.usage, { prompt_tokens: 339, completion_tokens: 92, total_tokens: 431, prompt_tokens_details: { cached_tokens: 320 } });
    });

    it('passes reasoning_content deltas through, with usage on the finish chunk', async () => {
      const model = 'deepseek-reasoner';
      script = {
        sse: [
          chunkOf(model, [{ index: 0, delta: { role: 'assistant', content: null, reasoning_content: '' }, logprobs: null, finish_reason: null }], { usage: null }),
          chunkOf(model, [{ index: 0, delta: { content: null, reasoning_content: 'Count' }, logprobs: null, finish_reason: null }], { usage: null }),
          chunkOf(model, [{ index: 0, delta: { content: '3', reasoning_content: null }, logprobs: null, finish_reason: null }], { usage: null }),
          chunkOf(model, [{ index: 0, delta: { content: '', reasoning_content: null }, logprobs: null, finish_reason: 'stop' }], {
            usage: { prompt_tokens: 18, completion_tokens: 5, total_tokens: 23 },
          }),
        ],
      };
      const stream = await completion({ model: 'deepseek/deepseek-reasoner', stream: true, ...options('deepseek') });
      const chunks = await collectStream(stream);
      assert.deepEqual(sentBody()['stream_options'], { include_usage: true });
      assert.deepEqual(
        chunks.map((chunk) => chunk.choices[0]?.delta),
        [
          { role: 'assistant', content: null, reasoning_content: '' },
          { content: null, reasoning_content: 'Count' },
          { content: '3', reasoning_content: null },
          { content: '', reasoning_content: null },
        ],
      );
      assert.equal(stream.usage?.total_tokens, 23);
      // Usage was not asked for, so the finish chunk reaches the caller without it.
      assert.equal(chunks.at(-1)?.usage, undefined);
    });

    it('reads its key from DEEPSEEK_API_KEY', async () => {
      await withSavedEnv(['DEEPSEEK_API_KEY'], async () => {
        process.env['DEEPSEEK_API_KEY'] = 'env-deepseek-key';
        script = { json: { ...base, model: 'deepseek-chat', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] } };
        await completion({ model: 'deepseek/deepseek-chat', api_base: server.url, messages: [{ role: 'user', content: 'x' }] });
        assert.equal(sent()?.headers.authorization, 'Bearer env-deepseek-key');
      });
    });
  });

  describe('groq', () => {
    it('renames message.reasoning and tolerates a tool-call message without content', async () => {
      script = {
        json: {
          ...base,
          model: 'qwen/qwen3-32b',
          choices: [
            {
              index: 0,
              message: { role: 'assistant', reasoning: 'Let me think.', tool_calls: [{ id: 'ax9fskhev', type: 'function', function: { name: 'weather', arguments: '{}' } }] },
              logprobs: null,
              finish_reason: 'tool_calls',
            },
          ],
          usage: { queue_time: 0.17, prompt_tokens: 218, prompt_time: 0.01, completion_tokens: 15, completion_time: 0.04, total_tokens: 233, total_time: 0.05 },
          x_groq: { id: 'req_01' },
          service_tier: 'on_demand',
        },
      };
      const response = await completion({ model: 'groq/qwen/qwen3-32b', ...options('groq') });
      assert.equal(sentBody()['model'], 'qwen/qwen3-32b');
      assert.deepEqual(response.choices[0]?.message, {
        role: 'assistant',
        refusal: null,
        content: null,
        reasoning_content: 'Let me think.',
        tool_calls: [{ id: 'ax9fskhev', type: 'function', function: { name: 'weather', arguments: '{}' } }],
      });
      assert.deepEqual(response.usage, { prompt_tokens: 218, completion_tokens: 15, total_tokens: 233 });
      assert.equal(response.service_tier, 'on_demand');
    });

    it('renames delta.reasoning', async () => {
      const model = 'qwen/qwen3-32b';
      script = {
        sse: [
          chunkOf(model, [{ index: 0, delta: { role: 'assistant', content: null }, logprobs: null, finish_reason: null }], { x_groq: { id: 'req_1' } }),
          chunkOf(model, [{ index: 0, delta: { reasoning: 'Hmm' }, logprobs: null, finish_reason: null }]),
          chunkOf(model, [{ index: 0, delta: { content: 'Three' }, logprobs: null, finish_reason: null }]),
          chunkOf(model, [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }], { usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } }),
        ],
      };
      const chunks = await collectStream(await completion({ model: 'groq/qwen/qwen3-32b', stream: true, ...options('groq') }));
      assert.deepEqual(chunks[1]?.choices[0]?.delta, { reasoning_content: 'Hmm' });
    });

    it('rejects what Groq rejects, or drops it with a warning', async () => {
      await assert.rejects(completion({ model: 'groq/llama-3.3-70b-versatile', logprobs: true, ...options('groq') }), UnsupportedParamsError);
      script = { json: { ...base, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] } };
      const response = await completion({ model: 'groq/llama-3.3-70b-versatile', logprobs: true, drop_params: true, ...options('groq') });
      assert.equal(sentBody()['logprobs'], undefined);
      assert.match(response.llmux.warnings.join('\n'), /logprobs/);
    });
  });

  describe('mistral', () => {
    const history: ChatMessage[] = [
      { role: 'user', content: 'Weather in Oslo and Rome?' },
      {
        role: 'assistant',
        content: null,
        reasoning_content: 'two calls',
        tool_calls: [
          { id: 'call_8f3a1b2c4d5e6f7a8b9c0d1e', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } },
          { id: 'gSIMJiOkT', type: 'function', function: { name: 'weather', arguments: '{"city":"Rome"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_8f3a1b2c4d5e6f7a8b9c0d1e', content: 'cold' },
      { role: 'tool', tool_call_id: 'gSIMJiOkT', content: 'warm' },
    ];
    const mapped = createMistralToolCallId('call_8f3a1b2c4d5e6f7a8b9c0d1e');

    it('maps every tool-call id to 9 characters, pairs stay paired, and maps them back', async () => {
      assert.match(mapped, /^[a-zA-Z0-9]{9}$/);
      assert.equal(createMistralToolCallId('call_8f3a1b2c4d5e6f7a8b9c0d1e'), mapped);
      script = {
        json: {
          id: 'b39',
          created: 1769088854,
          model: 'mistral-small-latest',
          object: 'chat.completion',
          usage: { prompt_tokens: 124, total_tokens: 146, completion_tokens: 22 },
          choices: [
            {
              index: 0,
              finish_reason: 'tool_calls',
              message: {
                role: 'assistant',
                tool_calls: [
                  { id: mapped, function: { name: 'weather', arguments: '{"city":"Oslo"}' } },
                  { id: 'NewCall01', function: { name: 'weather', arguments: { city: 'Bern' } } },
                ],
              },
            },
          ],
        },
      };
      const response = await completion({ model: 'mistral/mistral-small-latest', ...options('mistral', { messages: history, seed: 7, max_completion_tokens: 64 }) });
      const wire = sentBody();
      const messages = wire['messages'] as Array<Record<string, unknown>>;
      const calls = messages[1]?.['tool_calls'] as Array<{ id: string }>;
      assert.deepEqual(
        calls.map((call) => call.id),
        [mapped, 'gSIMJiOkT'],
      );
      assert.equal(messages[2]?.['tool_call_id'], mapped);
      assert.equal(messages[3]?.['tool_call_id'], 'gSIMJiOkT');
      // Mistral rejects fields it does not know, so earlier reasoning is not sent back.
      assert.equal(messages[1]?.['reasoning_content'], undefined);
      assert.equal(wire['random_seed'], 7);
      assert.equal(wire['max_tokens'], 64);
      assert.equal(wire['seed'], undefined);
      assert.equal(wire['max_completion_tokens'], undefined);
      // The caller's history is never mutated.
      assert.equal(history[2]?.role === 'tool' && history[2].tool_call_id, 'call_8f3a1b2c4d5e6f7a8b9c0d1e');

      assert.deepEqual(response.choices[0]?.message.tool_calls, [
        { id: 'call_8f3a1b2c4d5e6f7a8b9c0d1e', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } },
        { id: 'NewCall01', type: 'function', function: { name: 'weather', arguments: '{"city":"Bern"}' } },
      ]);
      assert.equal(response.choices[0]?.message.content, null);
    });

    it('streams whole tool calls without index or type, omitting stream_options', async () => {
      const model = 'mistral-small-latest';
      script = {
        sse: [
          chunkOf(model, [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null, logprobs: null }]),
          chunkOf(
            model,
            [
              {
                index: 0,
                delta: { content: null, tool_calls: [{ id: mapped, function: { name: 'weather', arguments: '{"city":"Oslo"}' } }] },
                finish_reason: 'tool_calls',
                logprobs: null,
              },
            ],
            {
              usage: { prompt_tokens: 124, total_tokens: 146, completion_tokens: 22 },
            },
          ),
        ],
      };
      const stream = await completion({ model: 'mistral/mistral-small-latest', stream: true, ...options('mistral', { messages: history }) });
      const chunks = await collectStream(stream);
      assert.equal(sentBody()['stream_options'], undefined);
      assert.equal(sentBody()['stream'], true);
      assert.deepEqual(chunks[1]?.choices[0]?.delta.tool_calls, [
        { index: 0, id: 'call_8f3a1b2c4d5e6f7a8b9c0d1e', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } },
      ]);
      assert.equal(stream.usage?.total_tokens, 146);
    });

    it('flattens typed content parts into text and reasoning', async () => {
      const thinking = { type: 'thinking', thinking: [{ type: 'text', text: '2+2 is basic.' }] };
      script = {
        json: {
          id: 'a4e',
          created: 1769088912,
          model: 'magistral-medium-2507',
          object: 'chat.completion',
          usage: { prompt_tokens: 10, total_tokens: 56, completion_tokens: 46 },
          choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: [thinking, { type: 'text', text: '2 + 2 = 4' }] } }],
        },
      };
      const response = await completion({ model: 'mistral/magistral-medium-2507', ...options('mistral') });
      assert.deepEqual(response.choices[0]?.message, { role: 'assistant', refusal: null, content: '2 + 2 = 4', reasoning_content: '2+2 is basic.' });

      const model = 'magistral-medium-2507';
      script = {
        sse: [
          chunkOf(model, [{ index: 0, delta: { role: 'assistant', content: [thinking] }, finish_reason: null }]),
          chunkOf(model, [{ index: 0, delta: { content: [{ type: 'text', text: '2 + 2 = 4' }] }, finish_reason: null }]),
          chunkOf(model, [{ index: 0, delta: { content: '' }, finish_reason: 'stop' }], { usage: { prompt_tokens: 10, total_tokens: 56, completion_tokens: 46 } }),
        ],
      };
      const chunks = await collectStream(await completion({ model: 'mistral/magistral-medium-2507', stream: true, ...options('mistral') }));
      assert.deepEqual(
        chunks.map((chunk) => chunk.choices[0]?.delta),
        [{ role: 'assistant', reasoning_content: '2+2 is basic.' }, { content: '2 + 2 = 4' }, { content: '' }],
      );
    });

    it('reads the flat error envelope', async () => {
      script = {
        status: 400,
        json: { object: 'error', message: 'Tool call id was bad-id but must be a-z, A-Z, 0-9, with a length of 9.', type: 'invalid_function_call', param: null, code: '3280' },
      };
      await assert.rejects(completion({ model: 'mistral/mistral-small-latest', ...options('mistral') }), (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.match(error.message, /length of 9/);
        assert.equal(error.code, '3280');
        return true;
      });
    });
  });

  describe('xai', () => {
    it('fills the finish_reason key xAI leaves out and keeps its usage-only chunk', async () => {
      const model = 'grok-3-mini';
      script = {
        sse: [
          chunkOf(model, [{ index: 0, delta: { reasoning_content: 'First', role: 'assistant' } }], { system_fingerprint: 'fp_x' }),
          chunkOf(model, [{ index: 0, delta: { content: 'Hello' } }], { system_fingerprint: 'fp_x' }),
          chunkOf(model, [{ index: 0, delta: {}, finish_reason: 'stop' }], { system_fingerprint: 'fp_x' }),
          chunkOf(model, [], {
            usage: { prompt_tokens: 12, completion_tokens: 1, total_tokens: 303, prompt_tokens_details: { text_tokens: 12, cached_tokens: 11 }, cost_in_usd_ticks: 1 },
          }),
        ],
      };
      const stream = await completion({ model: 'xai/grok-3-mini', stream: true, stream_options: { include_usage: true }, ...options('xai') });
      const chunks = await collectStream(stream);
      assert.deepEqual(
        chunks.map((chunk) => (chunk.choices.length === 0 ? 'none' : chunk.choices[0]?.finish_reason)),
        [null, null, 'stop', 'none'],
      );
      assert.deepEqual(chunks[0]?.choices[0], { index: 0, delta: { role: 'assistant', reasoning_content: 'First' }, finish_reason: null });
      assert.deepEqual(chunks.at(-1)?.usage, { prompt_tokens: 12, completion_tokens: 1, total_tokens: 303, prompt_tokens_details: { cached_tokens: 11 } });
    });
  });

  describe('rows without keys and with other vocabularies', () => {
    it('reaches a keyless server through openai/<model> with api_base', async () => {
      await withSavedEnv(['OPENAI_API_KEY'], async () => {
        delete process.env['OPENAI_API_KEY'];
        script = {
          json: { ...base, model: 'local', choices: [{ index: 0, message: { role: 'assistant', content: 'local hi', reasoning: 'vllm thought' }, finish_reason: 'stop' }] },
        };
        const response = await completion({ model: 'openai/local-model', api_base: `${server.url}/v1`, messages: [{ role: 'user', content: 'x' }] });
        assert.equal(sent()?.headers.authorization, undefined);
        assert.equal(sent()?.url, '/v1/chat/completions');
        assert.equal(response.choices[0]?.message.reasoning_content, 'vllm thought');
      });
    });

    it('asks for the server of hosted_vllm, which has no default', async () => {
      await withSavedEnv(['HOSTED_VLLM_API_BASE'], async () => {
        delete process.env['HOSTED_VLLM_API_BASE'];
        await assert.rejects(completion({ model: 'hosted_vllm/qwen', messages: [{ role: 'user', content: 'x' }] }), (error: unknown) => {
          assert.ok(error instanceof BadRequestError);
          assert.match(error.message, /HOSTED_VLLM_API_BASE/);
          return true;
        });
      });
    });

    it("translates tool_choice into Fireworks' vocabulary", async () => {
      script = { json: { ...base, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] } };
      const tools = [{ type: 'function' as const, function: { name: 'f', parameters: { type: 'object' } } }];
      await completion({ model: 'fireworks_ai/accounts/fireworks/models/llama-v3p1-8b-instruct', tools, tool_choice: 'required', ...options('fireworks_ai') });
      assert.equal(sentBody()['tool_choice'], 'any');
    });

    it('throws an error body sent with status 200', async () => {
      script = { json: { error: { message: 'No endpoints found', code: 404 } } };
      await assert.rejects(completion({ model: 'openrouter/some/model', ...options('openrouter') }), (error: unknown) => {
        assert.ok(error instanceof Error && 'status' in error && error.status === 404);
        return true;
      });
    });
  });

  describe('the table', () => {
    it('has one row per LiteLLM id, each registered with its declared parameters', () => {
      const ids = OPENAI_COMPATIBLE_PROVIDERS.map((row) => row.id);
      assert.equal(new Set(ids).size, ids.length);
      for (const id of [
        'openai',
        'deepseek',
        'groq',
        'mistral',
        'xai',
        'nvidia_nim',
        'together_ai',
        'fireworks_ai',
        'openrouter',
        'perplexity',
        'cerebras',
        'meta_llama',
        'huggingface',
        'hosted_vllm',
        'lm_studio',
        'llamafile',
      ]) {
        assert.ok(ids.includes(id), id);
      }
      const registry = getDefaultProviderRegistry();
      for (const row of OPENAI_COMPATIBLE_PROVIDERS) {
        const adapter = registry.get(row.id);
        for (const name of row.unsupportedParams ?? []) assert.equal(adapter.supportedParams.has(name), false, `${row.id} ${name}`);
        assert.equal(adapter.embed !== undefined, row.embeddings, row.id);
      }
    });
  });
});
