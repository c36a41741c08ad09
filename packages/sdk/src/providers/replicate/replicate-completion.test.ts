// Replicate through completion(), against the fake Replicate API: a prediction created with
// `Prefer: wait`, one polled until it finishes, a pinned version, the SSE stream, a failed
// prediction and a refused token, and parameters a prompt-only model cannot take.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { startFakeReplicateUpstream } from '@llmux/fake-upstreams';
import { AuthenticationError, InternalServerError, UnsupportedParamsError, completion, type CompletionParams } from '../../index.js';
import { useFakeServer } from '../__fixtures__/use-fake-upstream.js';
import { collectStream } from '../__fixtures__/collect-stream.js';

const TOKEN = 'r8_fake_replicate_token_0123';

function suite(finishesWithinWait: boolean) {
  const upstream = useFakeServer(() =>
    startFakeReplicateUpstream({
      apiToken: TOKEN,
      pollsToFinish: 2,
      finishesWithinWait,
      reply: () => ({ content: 'Hello from Llama on Replicate' }),
      failure: (request) => ((request.json as { input: { prompt: string } }).input.prompt === 'fail' ? 'CUDA out of memory' : undefined),
    }),
  );
  const params = (model: string, extra: Partial<CompletionParams> = {}): CompletionParams => ({
    model: `replicate/${model}`,
    api_base: `${upstream.fake.url}/v1`,
    api_key: TOKEN,
    http_client: upstream.http,
    messages: [{ role: 'user', content: 'hi' }],
    ...extra,
  });
  return { fake: () => upstream.fake, params };
}

describe('replicate provider through the public API', () => {
  describe('predictions that finish while the create waits', () => {
    const { fake, params } = suite(true);

    it('creates a prediction from the prompt and system prompt, and reads output and usage', async () => {
      const messages = [
        { role: 'system' as const, content: 'Be brief.' },
        { role: 'user' as const, content: 'hi' },
      ];
      const response = await completion({ ...params('meta/meta-llama-3-8b-instruct', { messages, max_completion_tokens: 64, temperature: 0.5, stop: ['\n\n'] }), stream: false });
      const sent = fake().requests.at(-1);
      assert.equal(sent?.url, '/v1/models/meta/meta-llama-3-8b-instruct/predictions');
      assert.equal(sent?.headers.authorization, `Bearer ${TOKEN}`);
      assert.equal(sent?.headers['prefer'], 'wait');
      assert.deepEqual(sent?.json, { input: { prompt: 'hi', system_prompt: 'Be brief.', max_tokens: 64, temperature: 0.5, stop_sequences: '\n\n' } });
      assert.equal(response.choices[0]?.message.content, 'Hello from Llama on Replicate');
      assert.deepEqual(response.usage, { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 });
    });

    it('pins a version through /predictions, and writes earlier turns into the prompt', async () => {
      const messages = [
        { role: 'user' as const, content: 'hi' },
        { role: 'assistant' as const, content: 'hello' },
        { role: 'user' as const, content: 'again' },
      ];
      await completion({ ...params('owner/model:5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa', { messages }), stream: false });
      const sent = fake().requests.at(-1);
      assert.equal(sent?.url, '/v1/predictions');
      assert.deepEqual(sent?.json, {
        version: '5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa',
        input: { prompt: 'user: hi\nassistant: hello\nuser: again\nassistant:' },
      });
    });

    it('streams the output events from urls.stream', async () => {
      const stream = await completion({ ...params('meta/meta-llama-3-8b-instruct'), stream: true });
      const chunks = await collectStream(stream);
      assert.equal((fake().requests.at(-2)?.json as Record<string, unknown>)['stream'], true);
      assert.match(fake().requests.at(-1)?.url ?? '', /^\/v1\/stream\/fakepred/);
      assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), 'Hello from Llama on Replicate');
      assert.equal(chunks.at(-1)?.choices[0]?.finish_reason, 'stop');
    });

    it('fails a failed prediction, in a reply and in a stream, and a refused token, without the token', async () => {
      const failed = { messages: [{ role: 'user' as const, content: 'fail' }] };
      await assert.rejects(
        completion({ ...params('meta/meta-llama-3-8b-instruct', failed), stream: false }),
        (error: unknown) => error instanceof InternalServerError && /CUDA out of memory/.test(error.message),
      );
      const stream = await completion({ ...params('meta/meta-llama-3-8b-instruct', failed), stream: true });
      await assert.rejects(
        async () => {
          for await (const chunk of stream) void chunk;
        },
        (error: unknown) => error instanceof InternalServerError && /CUDA out of memory/.test(error.message),
      );
      await assert.rejects(completion({ ...params('meta/meta-llama-3-8b-instruct', { api_key: 'r8_wrong_token_zzzzzzzz' }), stream: false }), (error: unknown) => {
        assert.ok(error instanceof AuthenticationError);
        assert.ok(!error.message.includes('r8_wrong_token_zzzzzzzz'));
        return true;
      });
    });

    it('refuses tools, which a prompt-only model cannot take', async () => {
      const tools = [{ type: 'function' as const, function: { name: 'f', parameters: { type: 'object' } } }];
      await assert.rejects(completion({ ...params('meta/meta-llama-3-8b-instruct', { tools }), stream: false }), UnsupportedParamsError);
    });
  });

  describe('predictions still running after the create', () => {
    const { fake, params } = suite(false);

    it('polls urls.get until the prediction succeeds', async () => {
      const response = await completion({ ...params('meta/meta-llama-3-8b-instruct'), stream: false });
      assert.equal(response.choices[0]?.message.content, 'Hello from Llama on Replicate');
      const polls = fake().requests.filter((request) => request.method === 'GET');
      assert.equal(polls.length, 2);
      assert.match(polls[0]?.url ?? '', /^\/v1\/predictions\/fakepred/);
    });
  });
});
