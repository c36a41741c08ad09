// Proves the fake rerankers. Jina, Together and Infinity serve Cohere's v1 rerank shape, so
// the official cohere-ai client (CohereClient, /v1/rerank) talks to each unchanged; Voyage and
// TEI (no official Node client) are checked on the documented wire shapes over plain HTTP.
// Bedrock Agent Runtime has its own proof with AWS's client (fake-bedrock-rerank.test.ts).

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { CohereClient } from 'cohere-ai';
import { startFakeInfinityUpstream } from './fake-infinity-rerank.js';
import { startFakeJinaUpstream } from './fake-jina-rerank.js';
import { startFakeTeiUpstream } from './fake-tei-rerank.js';
import { startFakeTogetherUpstream } from './fake-together-rerank.js';
import { startFakeVoyageUpstream } from './fake-voyage-rerank.js';
import type { FakeServer } from './start-fake-server.js';

const KEY = 'rerank-fake-key-0123';
const QUERY = 'What is the capital of France?';
const DOCUMENTS = ['Berlin is the capital of Germany.', 'Paris is the capital of France.', 'France is known for wine.'];

async function post(url: string, body: unknown, key = KEY): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, json: await response.json() };
}

describe('fake rerankers', () => {
  const servers: FakeServer[] = [];
  const start = async (starter: (options: { apiKey: string }) => Promise<FakeServer>): Promise<FakeServer> => {
    const server = await starter({ apiKey: KEY });
    servers.push(server);
    return server;
  };
  let jina: FakeServer;
  let together: FakeServer;
  let infinity: FakeServer;
  before(async () => {
    jina = await start(startFakeJinaUpstream);
    together = await start(startFakeTogetherUpstream);
    infinity = await start(startFakeInfinityUpstream);
  });
  after(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  for (const [name, server] of [
    ['Jina', () => jina],
    ['Together', () => together],
    ['Infinity', () => infinity],
  ] as const) {
    it(`${name} answers the cohere-ai client's rerank, best first, top_n and documents`, async () => {
      const client = new CohereClient({ token: KEY, environment: server().url });
      const reply = await client.rerank({ model: 'reranker', query: QUERY, documents: DOCUMENTS, topN: 2, returnDocuments: true });
      assert.deepEqual(
        reply.results.map((result) => result.index),
        [1, 0],
      );
      assert.ok(reply.results[0]!.relevanceScore > reply.results[1]!.relevanceScore);
      // Infinity echoes a document as a bare string, which the v1 client does not read as {text}.
      if (name !== 'Infinity') assert.equal(reply.results[0]?.document?.text, DOCUMENTS[1]);
      else
        assert.equal(
          (JSON.parse(Buffer.concat(server().requests.at(-1)?.sent ?? []).toString('utf8')) as { results: Array<{ document: unknown }> }).results[0]?.document,
          DOCUMENTS[1],
        );
      assert.deepEqual(server().requests.at(-1)?.json, { model: 'reranker', query: QUERY, documents: DOCUMENTS, top_n: 2, return_documents: true });
    });

    it(`${name} refuses a wrong key`, async () => {
      const client = new CohereClient({ token: 'wrong', environment: server().url });
      await assert.rejects(client.rerank({ model: 'reranker', query: QUERY, documents: DOCUMENTS }), (error: unknown) => (error as { statusCode?: number }).statusCode === 401);
    });
  }

  it('Jina and Together report token usage', async () => {
    const jinaReply = (await post(`${jina.url}/v1/rerank`, { model: 'jina-reranker-v2-base-multilingual', query: QUERY, documents: DOCUMENTS })).json as {
      usage: { total_tokens: number };
    };
    assert.equal(jinaReply.usage.total_tokens, 35);
    const togetherReply = (await post(`${together.url}/v1/rerank`, { model: 'Salesforce/Llama-Rank-V1', query: QUERY, documents: DOCUMENTS })).json as {
      object: string;
      usage: { prompt_tokens: number };
    };
    assert.equal(togetherReply.object, 'rerank');
    assert.equal(togetherReply.usage.prompt_tokens, 35);
  });

  it('Voyage takes top_k (refusing top_n) and answers data[] with usage', async () => {
    const voyage = await start(startFakeVoyageUpstream);
    const reply = await post(`${voyage.url}/v1/rerank`, { model: 'rerank-2', query: QUERY, documents: DOCUMENTS, top_k: 1, return_documents: true });
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.json, { object: 'list', data: [{ relevance_score: 0.836066, index: 1, document: DOCUMENTS[1] }], model: 'rerank-2', usage: { total_tokens: 35 } });
    assert.equal((await post(`${voyage.url}/v1/rerank`, { model: 'rerank-2', query: QUERY, documents: DOCUMENTS, top_n: 1 })).status, 400);
  });

  it('TEI ranks `texts` and answers a bare list', async () => {
    const tei = await start(startFakeTeiUpstream);
    const reply = await post(`${tei.url}/rerank`, { query: QUERY, texts: DOCUMENTS, return_text: true });
    assert.deepEqual(
      (reply.json as Array<{ index: number }>).map((item) => item.index),
      [1, 0, 2],
    );
    assert.equal((reply.json as Array<{ text: string }>)[0]?.text, DOCUMENTS[1]);
    assert.equal((await post(`${tei.url}/rerank`, { query: QUERY, documents: DOCUMENTS })).status, 422);
  });
});
