// The Gemini stream reader over HTTP bodies in the recorded wire shapes: CRLF framing
// split at awkward places, STOP repeated on every chunk (older models), Vertex chunks without
// index or counts, a function call followed by an empty signed text part, and truncation.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { APIConnectionError, BadGatewayError, ServiceUnavailableError } from '../../errors/error-classes.js';
import { Readable } from 'node:stream';
import type { HttpResponse } from '../../http/http-client.js';
import type { ChatCompletionChunk } from '../../spec/index.js';
import { readGeminiStream } from './gemini-stream.js';
import { expectedReasoningUsage } from '../__fixtures__/expected-usage.js';
import { collectStream } from '../__fixtures__/collect-stream.js';

const OPTIONS = { created: 1_700_000_000, provider: 'gemini', model: 'gemini-test', secrets: [] };

/** The wire text as an HTTP body delivering it in reads of `size` bytes, as production reads it. */
function body(text: string, size: number): HttpResponse {
  const encoded = Buffer.from(text, 'utf8');
  const reads: Buffer[] = [];
  for (let start = 0; start < encoded.length; start += size) reads.push(encoded.subarray(start, start + size));
  // A Node stream stands in for undici's body: the reader only iterates it.
  return { status: 200, headers: {}, body: Readable.from(reads, { objectMode: false }) as unknown as HttpResponse['body'] };
}

async function convert(wire: string, size = 7): Promise<ChatCompletionChunk[]> {
  return collectStream(readGeminiStream(body(wire, size), OPTIONS));
}

const frame = (body: unknown, ending = '\r\n\r\n') => `data: ${JSON.stringify(body)}${ending}`;
const text = (value: string, extra: Record<string, unknown> = {}) => ({
  candidates: [{ content: { parts: [{ text: value }], role: 'model' }, index: 0, ...extra }],
  modelVersion: 'gemini-2.5-flash',
  responseId: 'resp-1',
});

describe('readGeminiStream', () => {
  it('reads CRLF-framed chunks split across reads, with usage from the last chunk', async () => {
    const wire =
      frame({ ...text('There are **3**'), usageMetadata: { promptTokenCount: 9, candidatesTokenCount: 5, thoughtsTokenCount: 185 } }) +
      frame({
        ...text(' "r"s in strawberry.', { finishReason: 'STOP' }),
        usageMetadata: { promptTokenCount: 9, candidatesTokenCount: 23, thoughtsTokenCount: 185, totalTokenCount: 217 },
      });
    const chunks = await convert(wire);
    assert.deepEqual(
      chunks.map((chunk) => [chunk.choices[0]?.delta, chunk.choices[0]?.finish_reason]),
      [
        [{ role: 'assistant', content: 'There are **3**' }, null],
        [{ content: ' "r"s in strawberry.' }, null],
        [{}, 'stop'],
        [undefined, undefined],
      ],
    );
    assert.equal(chunks[0]?.id, 'resp-1');
    assert.equal(chunks[0]?.model, 'gemini-2.5-flash');
    assert.deepEqual(chunks.at(-1)?.usage, expectedReasoningUsage(9, 208, { reasoning: 185 }));
  });

  it('emits one finish even when every chunk repeats STOP, and accepts LF framing', async () => {
    const wire = frame(text('In the quaint', { finishReason: 'STOP' }), '\r\n\n') + frame(text(' cottage.', { finishReason: 'STOP' }), '\n\n');
    const finishes = (await convert(wire, 5)).flatMap((chunk) => chunk.choices.map((choice) => choice.finish_reason)).filter((reason) => reason !== null);
    assert.deepEqual(finishes, ['stop']);
  });

  it('reads Vertex chunks: no index, counts only at the end, MAX_TOKENS', async () => {
    const vertex = (value: string, extra: Record<string, unknown>, usageMetadata: Record<string, unknown>) => ({
      candidates: [{ content: { parts: [{ text: value }], role: 'model' }, ...extra }],
      createTime: '2025-10-24T07:45:41.024576Z',
      modelVersion: 'gemini-2.5-flash',
      responseId: 'pS77a',
      usageMetadata,
    });
    const wire =
      frame(vertex('low', {}, { billablePromptUsage: { textCount: 48 }, trafficType: 'ON_DEMAND' })) +
      frame(
        vertex(
          ' and blue',
          { finishReason: 'MAX_TOKENS' },
          { candidatesTokenCount: 132, promptTokenCount: 17, thoughtsTokenCount: 65, totalTokenCount: 214, trafficType: 'ON_DEMAND' },
        ),
      );
    const chunks = await convert(wire);
    assert.equal(chunks.find((chunk) => chunk.choices[0]?.finish_reason)?.choices[0]?.finish_reason, 'length');
    assert.deepEqual(chunks.at(-1)?.usage?.completion_tokens, 197);
    assert.deepEqual(chunks.at(-1)?.usage?.prompt_tokens, 17);
  });

  it('turns a function call into one tool-call delta and skips an empty signed text part', async () => {
    const wire =
      frame({
        candidates: [
          {
            content: { parts: [{ functionCall: { name: 'weather', args: { location: 'San Francisco' } }, thoughtSignature: 'EqUCCqICAb4+9vsh/8Pd5w==' }], role: 'model' },
            index: 0,
          },
        ],
      }) +
      frame({
        candidates: [{ content: { parts: [{ text: '', thoughtSignature: 'EqsFCq' }], role: 'model' }, finishReason: 'STOP', index: 0 }],
        usageMetadata: { promptTokenCount: 29, candidatesTokenCount: 15 },
      });
    const chunks = await convert(wire);
    const call = chunks[0]?.choices[0]?.delta.tool_calls?.[0];
    assert.equal(call?.index, 0);
    assert.deepEqual(call?.function, { name: 'weather', arguments: '{"location":"San Francisco"}' });
    assert.match(call?.id ?? '', /^call_[0-9a-f]{24}__thought__EqUCCqICAb4-9vsh_8Pd5w$/);
    assert.equal(chunks[1]?.choices[0]?.finish_reason, 'tool_calls');
    assert.equal(chunks.length, 3);
  });

  it('keeps candidates apart by index', async () => {
    const both = (first: string, second: string, finishReason?: string) => ({
      candidates: [
        { content: { parts: [{ text: first }], role: 'model' }, index: 0, ...(finishReason ? { finishReason } : {}) },
        { content: { parts: [{ text: second }], role: 'model' }, index: 1, ...(finishReason ? { finishReason } : {}) },
      ],
    });
    const chunks = await convert(frame(both('a', 'b')) + frame(both('c', 'd', 'STOP')));
    const byIndex = (index: number) => chunks.flatMap((chunk) => chunk.choices.filter((choice) => choice.index === index).map((choice) => choice.delta.content ?? ''));
    assert.deepEqual(byIndex(0).join(''), 'ac');
    assert.deepEqual(byIndex(1).join(''), 'bd');
  });

  it('fails a stream that ends before a finishReason, never truncating silently', async () => {
    await assert.rejects(convert(frame(text('There are **3**'))), APIConnectionError);
    await assert.rejects(convert(''), APIConnectionError);
  });

  it('throws an error event as the typed error, and a malformed event as 502', async () => {
    const wire = frame(text('Hello')) + frame({ error: { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' } });
    await assert.rejects(convert(wire), ServiceUnavailableError);
    await assert.rejects(convert('data: {not json\r\n\r\n'), BadGatewayError);
  });
});
