// A fake OpenAI `/v1/embeddings` whose vectors keep similar texts close, for semantic-cache
// tests: a hashed bag of words (each lower-cased word adds ±1 to one of `dimensions`
// buckets), scaled to length 1. Texts that share most words have a cosine similarity near
// the share (6 words in common of 6 and 7: about 0.93); texts with no word in common are
// near 0. Deterministic, so tests can compute the similarity they expect.

import { fakeTokenCount } from './fake-token-count.js';
import { isRecord } from './is-record.js';
import { openAIErrorBody } from './fake-openai-upstream.js';
import { sendJson, startFakeServer, type FakeServer } from './start-fake-server.js';

const DEFAULT_DIMENSIONS = 1024;

export function fakeBagOfWordsVector(text: string, dimensions = DEFAULT_DIMENSIONS): number[] {
  const values = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    let hash = 0x811c9dc5;
    for (let index = 0; index < word.length; index += 1) {
      hash ^= word.charCodeAt(index);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    const bucket = hash % dimensions;
    values[bucket] = (values[bucket] as number) + (hash >>> 31 === 0 ? 1 : -1);
  }
  const norm = Math.sqrt(values.reduce((sum, value) => sum + value * value, 0));
  return values.map((value) => (norm === 0 ? 0 : Math.fround(value / norm)));
}

/** Cosine similarity of two vectors (for tests to state what they expect). */
export function cosineSimilarity(left: readonly number[], right: readonly number[]): number {
  let dot = 0;
  let leftNorm = 0;
  let rightNorm = 0;
  for (let index = 0; index < left.length; index += 1) {
    dot += (left[index] as number) * (right[index] as number);
    leftNorm += (left[index] as number) ** 2;
    rightNorm += (right[index] as number) ** 2;
  }
  return dot / Math.sqrt(leftNorm * rightNorm);
}

/** An OpenAI embeddings server on 127.0.0.1:0 answering with bag-of-words vectors (floats or base64, as asked). */
export function startFakeSemanticEmbeddingsUpstream(dimensions = DEFAULT_DIMENSIONS): Promise<FakeServer> {
  return startFakeServer((request, response) => {
    const path = (request.url.split('?')[0] ?? '').replace(/^\/v1/, '');
    if (request.method !== 'POST' || path !== '/embeddings')
      return sendJson(response, 404, openAIErrorBody(`Invalid URL (${request.method} ${request.url})`, 'invalid_request_error'));
    const body = request.json;
    if (!isRecord(body) || typeof body['model'] !== 'string') return sendJson(response, 400, openAIErrorBody('you must provide a model parameter', 'invalid_request_error'));
    const input = body['input'];
    const texts = typeof input === 'string' ? [input] : Array.isArray(input) && input.every((item) => typeof item === 'string') ? (input as string[]) : undefined;
    if (texts === undefined || texts.length === 0)
      return sendJson(response, 400, openAIErrorBody("'input' must be a string or a list of strings", 'invalid_request_error', null, 'input'));
    const base64 = body['encoding_format'] === 'base64';
    let tokens = 0;
    const data = texts.map((text, index) => {
      tokens += fakeTokenCount(text);
      const vector = fakeBagOfWordsVector(text, dimensions);
      return { object: 'embedding', index, embedding: base64 ? Buffer.from(Float32Array.from(vector).buffer).toString('base64') : vector };
    });
    return sendJson(response, 200, { object: 'list', data, model: body['model'], usage: { prompt_tokens: tokens, total_tokens: tokens } });
  });
}
