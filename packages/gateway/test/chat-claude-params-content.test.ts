// LiteLLM's Claude extras on /v1/chat/completions, with the official `openai` client, on
// Anthropic, Claude on Bedrock (Converse) and Claude on Vertex: cache_control on messages
// and parts (prompt caching, its usage in the reply and priced on the spend row), top_k,
// thinking, reasoning_effort and web_search_options, PDF `file` parts, and the refusals
// (OpenAI file ids, audio). Each fake checks the blocks as its API does and plays the cache.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RecordedRequest } from '@llmux/fake-upstreams';
import OpenAI from 'openai';
import { MESSAGES_MASTER_KEY, MODELS, startMessagesGateway, type MessagesGateway } from './helpers/messages-gateway.js';
import { waitForSpendRows } from './helpers/wait-for-spend-rows.js';

type Claude = 'anthropic' | 'bedrock' | 'vertex';
const CLAUDES: Claude[] = ['anthropic', 'bedrock', 'vertex'];
/** Published per-token prices (USD) of the models behind the groups: input, output, cache write, cache read. */
const PRICES: Record<Claude, { input: number; output: number; write: number; read: number }> = {
  anthropic: { input: 3e-6, output: 15e-6, write: 3.75e-6, read: 0.3e-6 },
  vertex: { input: 3e-6, output: 15e-6, write: 3.75e-6, read: 0.3e-6 },
  bedrock: { input: 0.8e-6, output: 4e-6, write: 1e-6, read: 0.08e-6 },
};
/** Above the 1024-token minimum a prompt prefix must reach to be cached (the fakes count words). */
const PREAMBLE_WORDS = 1500;
const PDF = Buffer.from('%PDF-1.4\n%fake document\n').toString('base64');
const EPHEMERAL = { type: 'ephemeral' } as const;

type Body = Record<string, unknown>;
type Usage = OpenAI.CompletionUsage & { cache_creation_input_tokens?: number; cache_read_input_tokens?: number };

describe('Claude parameters and content through /v1/chat/completions', () => {
  let world: MessagesGateway;
  let client: OpenAI;

  before(async () => {
    world = await startMessagesGateway((request: RecordedRequest) => ({ content: `Hello from ${request.url.includes('anthropic') ? 'Claude' : 'upstream'}` }));
    client = new OpenAI({ apiKey: MESSAGES_MASTER_KEY, baseURL: `${world.gateway.url}/v1`, maxRetries: 0 });
  });
  after(() => world.close());

  const sent = (upstream: Claude): Body => world.lastRequest(upstream).json as Body;
  const create = (upstream: Claude, body: Body, key = MESSAGES_MASTER_KEY) =>
    new OpenAI({ apiKey: key, baseURL: `${world.gateway.url}/v1`, maxRetries: 0 }).chat.completions.create(
      // LiteLLM's extras (cache_control, top_k, thinking) are not in the openai client's types; it sends them as given.
      { model: MODELS[upstream], ...body } as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming,
    );
  /** A 400 from the gateway naming `param`, with nothing sent upstream. */
  const refused = async (upstream: Claude, body: Body, param: string, message: RegExp): Promise<void> => {
    const before = world.upstreams[upstream].requests.length;
    await assert.rejects(create(upstream, { messages: [], ...body }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.BadRequestError, String(error));
      assert.equal((error.error as { param?: string } | undefined)?.param, param);
      assert.match(error.message, message);
      return true;
    });
    assert.equal(world.upstreams[upstream].requests.length, before, 'nothing sent upstream');
  };

  for (const upstream of CLAUDES) {
    describe(upstream, () => {
      it('sends cache_control as prompt-cache breakpoints, reports the cache usage and prices it on the spend row (LiteLLM prompt caching)', async () => {
        const key = String((await world.admin.post('/key/generate', { models: [MODELS[upstream]] })).body['key']);
        const preamble = `${upstream} `.repeat(PREAMBLE_WORDS).trim();
        const ask = (question: string) =>
          create(
            upstream,
            {
              messages: [
                { role: 'system', content: preamble, cache_control: EPHEMERAL },
                { role: 'user', content: [{ type: 'text', text: question, cache_control: EPHEMERAL }] },
              ],
              max_tokens: 64,
            },
            key,
          );
        const first = await ask('first');
        const body = sent(upstream);
        if (upstream === 'bedrock') {
          assert.deepEqual(body['system'], [{ text: preamble }, { cachePoint: { type: 'default' } }]);
          assert.deepEqual((body['messages'] as Body[])[0]?.['content'], [{ text: 'first' }, { cachePoint: { type: 'default' } }]);
        } else {
          assert.deepEqual(body['system'], [{ type: 'text', text: preamble, cache_control: EPHEMERAL }]);
          assert.deepEqual((body['messages'] as Body[])[0]?.['content'], [{ type: 'text', text: 'first', cache_control: EPHEMERAL }]);
        }
        const written = first.usage as Usage;
        assert.equal(written.prompt_tokens, PREAMBLE_WORDS + 1);
        assert.equal(written.cache_creation_input_tokens, PREAMBLE_WORDS + 1, 'both breakpoints written');
        assert.equal(written.prompt_tokens_details?.cached_tokens, 0);

        const second = await ask('second');
        const read = second.usage as Usage;
        assert.equal(read.prompt_tokens, PREAMBLE_WORDS + 1);
        assert.equal(read.prompt_tokens_details?.cached_tokens, PREAMBLE_WORDS);
        assert.equal(read.cache_read_input_tokens, PREAMBLE_WORDS);
        assert.equal(read.cache_creation_input_tokens, 1, 'the new question is written after the cached preamble');

        const rows = await waitForSpendRows(world.admin, key, 2);
        assert.equal(rows.length, 2, JSON.stringify(rows));
        const price = PRICES[upstream];
        const expected = [(PREAMBLE_WORDS + 1) * price.write + 5 * price.output, PREAMBLE_WORDS * price.read + 1 * price.write + 5 * price.output];
        const spends = rows.map((row) => row.spend ?? 0).sort((a, b) => b - a);
        expected.sort((a, b) => b - a);
        spends.forEach((spend, index) => assert.ok(Math.abs(spend - (expected[index] ?? 0)) < 1e-12, `spend ${spend}, expected ${expected[index]}`));
      });

      it('marks a tool definition with cache_control (LiteLLM caching of tools)', async () => {
        const tool = { type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: {} } }, cache_control: EPHEMERAL };
        await create(upstream, { messages: [{ role: 'user', content: 'hi' }], max_tokens: 64, tools: [tool] });
        const body = sent(upstream);
        if (upstream === 'bedrock') {
          assert.deepEqual((body['toolConfig'] as Body)['tools'], [
            { toolSpec: { name: 'lookup', inputSchema: { json: { type: 'object', properties: {} } } } },
            { cachePoint: { type: 'default' } },
          ]);
        } else assert.deepEqual(body['tools'], [{ name: 'lookup', input_schema: { type: 'object', properties: {} }, cache_control: EPHEMERAL }]);
      });

      it('sends top_k and thinking as Claude takes them (LiteLLM provider params)', async () => {
        await create(upstream, { messages: [{ role: 'user', content: 'hi' }], max_tokens: 3000, top_k: 12, thinking: { type: 'enabled', budget_tokens: 1500 } });
        const body = sent(upstream);
        const fields = upstream === 'bedrock' ? (body['additionalModelRequestFields'] as Body) : body;
        assert.equal(fields['top_k'], 12);
        assert.deepEqual(fields['thinking'], { type: 'enabled', budget_tokens: 1500 });
      });

      it('turns reasoning_effort into a thinking budget', async () => {
        await create(upstream, { messages: [{ role: 'user', content: 'hi' }], max_tokens: 4000, reasoning_effort: 'low' });
        const body = sent(upstream);
        const fields = upstream === 'bedrock' ? (body['additionalModelRequestFields'] as Body) : body;
        assert.deepEqual(fields['thinking'], { type: 'enabled', budget_tokens: 2048 });
      });

      it('sends a PDF file part as a document block', async () => {
        await create(upstream, {
          messages: [
            {
              role: 'user',
              content: [
                { type: 'text', text: 'summarise' },
                { type: 'file', file: { file_data: `data:application/pdf;base64,${PDF}`, filename: 'q3_report.pdf' } },
              ],
            },
          ],
          max_tokens: 64,
        });
        const content = (sent(upstream)['messages'] as Body[])[0]?.['content'] as Body[];
        if (upstream === 'bedrock') assert.deepEqual(content[1], { document: { format: 'pdf', name: 'q3-report', source: { bytes: PDF } } });
        else assert.deepEqual(content[1], { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: PDF }, title: 'q3_report.pdf' });
      });

      it('answers with the upstream’s own 400 for a document that is not a PDF', async () => {
        const notPdf = Buffer.from('plain words').toString('base64');
        await assert.rejects(
          create(upstream, { messages: [{ role: 'user', content: [{ type: 'file', file: { file_data: `data:application/pdf;base64,${notPdf}` } }] }], max_tokens: 64 }),
          (error: unknown) => error instanceof OpenAI.BadRequestError && /The PDF specified was not valid/.test(error.message),
        );
      });

      it('refuses an OpenAI file id by name', async () => {
        await refused(
          upstream,
          { messages: [{ role: 'user', content: [{ type: 'file', file: { file_id: 'file-abc123' } }] }] },
          'messages[0].content[0].file.file_id',
          /"file-abc123" is an OpenAI file id/,
        );
      });

      it('refuses input_audio: Claude takes no audio', async () => {
        await refused(
          upstream,
          { messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } }] }] },
          'messages[0].content[0]',
          /content part type "input_audio" is not supported/,
        );
      });
    });
  }

  it('turns web_search_options into Anthropic’s web search tool on Anthropic and Vertex', async () => {
    const options = { search_context_size: 'high', user_location: { type: 'approximate', approximate: { city: 'Lyon', country: 'FR' } } };
    for (const upstream of ['anthropic', 'vertex'] as const) {
      await create(upstream, { messages: [{ role: 'user', content: 'news?' }], max_tokens: 64, web_search_options: options });
      assert.deepEqual(sent(upstream)['tools'], [
        { type: 'web_search_20250305', name: 'web_search', max_uses: 10, user_location: { type: 'approximate', city: 'Lyon', country: 'FR' } },
      ]);
    }
  });

  it('refuses web_search_options on Bedrock, which runs no Anthropic server tools', async () => {
    await refused('bedrock', { messages: [{ role: 'user', content: 'news?' }], web_search_options: {} }, 'web_search_options', /web_search_options/);
  });

  it('reports cached tokens in a stream’s usage chunk too', async () => {
    const preamble = 'stream '.repeat(PREAMBLE_WORDS).trim();
    const ask = async () => {
      const stream = await client.chat.completions.create({
        model: MODELS.anthropic,
        stream: true,
        stream_options: { include_usage: true },
        max_tokens: 64,
        messages: [{ role: 'system', content: preamble, cache_control: EPHEMERAL } as OpenAI.ChatCompletionSystemMessageParam, { role: 'user', content: 'q' }],
      });
      let usage: Usage | undefined;
      for await (const chunk of stream) if (chunk.usage) usage = chunk.usage as Usage;
      return usage;
    };
    await ask();
    const usage = await ask();
    assert.equal(usage?.prompt_tokens_details?.cached_tokens, PREAMBLE_WORDS);
  });
});
