// /v1/rerank (and /rerank, /v2/rerank) through the gateway over plain HTTP, in Cohere's shape,
// on every reranker llmux reaches: Cohere, Bedrock (Agent Runtime Rerank, SigV4), Jina, Voyage,
// Together, Infinity and a TEI server. For each: the wire body on the fake's side, the reply,
// and the spend row's cost (per search unit or per token) and call_type; then model access
// and budgets.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  startFakeBedrockAgentRuntime,
  startFakeCohereUpstream,
  startFakeInfinityUpstream,
  startFakeJinaUpstream,
  startFakeTeiUpstream,
  startFakeTogetherUpstream,
  startFakeVoyageUpstream,
  type FakeServer,
} from '@llmux/fake-upstreams';
import { OPERATIONS_MASTER_KEY, startOperationsGateway, type OperationsGateway } from './helpers/operations-gateway.js';

const KEY = 'rerank-upstream-key-0123';
const AWS = { accessKeyId: 'AKIAFAKERERANK000001', secretAccessKey: 'fake-rerank-bedrock-secret-000000000000' };
const REGION = 'eu-central-1';
const QUERY = 'What is the capital of France?';
const DOCUMENTS = ['Berlin is the capital of Germany.', 'Paris is the capital of France.', 'France is known for wine.'];
/** Tokens the fakes count for QUERY over DOCUMENTS (query words once per document, plus the document). */
const TOKENS = 35;

interface Case {
  group: string;
  /** The path and body the upstream must receive. */
  path: string;
  wire: Record<string, unknown>;
  cost: number;
  upstream: () => FakeServer;
}

describe('/v1/rerank through the gateway', () => {
  let world: OperationsGateway;
  const fakes: Record<string, FakeServer> = {};

  before(async () => {
    fakes['cohere'] = await startFakeCohereUpstream({ apiKey: KEY });
    fakes['jina'] = await startFakeJinaUpstream({ apiKey: KEY });
    fakes['voyage'] = await startFakeVoyageUpstream({ apiKey: KEY });
    fakes['together'] = await startFakeTogetherUpstream({ apiKey: KEY });
    fakes['infinity'] = await startFakeInfinityUpstream();
    fakes['tei'] = await startFakeTeiUpstream({ apiKey: KEY });
    fakes['bedrock'] = await startFakeBedrockAgentRuntime({ ...AWS, region: REGION });
    const url = (name: string): string => (fakes[name] as FakeServer).url;
    world = await startOperationsGateway(
      [
        { model_name: 'cohere-rerank', litellm_params: { model: 'cohere/rerank-v3.5', api_base: url('cohere'), api_key: KEY } },
        // Its upstream refuses the key: a call to it falls back to the caller's fallbacks, through the Router.
        { model_name: 'cohere-broken', litellm_params: { model: 'cohere/rerank-v3.5', api_base: url('cohere'), api_key: 'wrong-key' } },
        { model_name: 'jina-rerank', litellm_params: { model: 'jina_ai/jina-reranker-v2-base-multilingual', api_base: `${url('jina')}/v1`, api_key: KEY } },
        { model_name: 'voyage-rerank', litellm_params: { model: 'voyage/rerank-2', api_base: `${url('voyage')}/v1`, api_key: KEY } },
        { model_name: 'together-rerank', litellm_params: { model: 'together_ai/Salesforce/Llama-Rank-V1', api_base: `${url('together')}/v1`, api_key: KEY } },
        { model_name: 'infinity-rerank', litellm_params: { model: 'infinity/BAAI/bge-reranker-base', api_base: url('infinity') } },
        // Health-checked with a one-document rerank (model_info.mode, as LiteLLM's).
        {
          model_name: 'jina-health',
          litellm_params: { model: 'jina_ai/jina-reranker-v2-base-multilingual', api_base: `${url('jina')}/v1`, api_key: KEY },
          model_info: { mode: 'rerank' },
        },
        // A self-hosted reranker priced per search unit in config, LiteLLM's model_info field.
        { model_name: 'infinity-priced', litellm_params: { model: 'infinity/BAAI/bge-reranker-base', api_base: url('infinity') }, model_info: { input_cost_per_query: 0.0005 } },
        { model_name: 'tei-rerank', litellm_params: { model: 'huggingface/BAAI/bge-reranker-large', api_base: url('tei'), api_key: KEY } },
        {
          model_name: 'bedrock-rerank',
          litellm_params: {
            model: 'bedrock/amazon.rerank-v1:0',
            api_base: url('bedrock'),
            aws_access_key_id: AWS.accessKeyId,
            aws_secret_access_key: AWS.secretAccessKey,
            aws_region_name: REGION,
          },
        },
      ],
      Object.values(fakes),
    );
  });
  after(() => world.close());

  const cases: Case[] = [
    {
      group: 'cohere-rerank',
      path: '/v2/rerank',
      wire: { model: 'rerank-v3.5', query: QUERY, documents: DOCUMENTS, top_n: 2 },
      cost: 0.002,
      upstream: () => fakes['cohere'] as FakeServer,
    },
    {
      group: 'jina-rerank',
      path: '/v1/rerank',
      wire: { model: 'jina-reranker-v2-base-multilingual', query: QUERY, documents: DOCUMENTS, top_n: 2, return_documents: false },
      cost: TOKENS * 0.000000018,
      upstream: () => fakes['jina'] as FakeServer,
    },
    {
      group: 'voyage-rerank',
      path: '/v1/rerank',
      wire: { model: 'rerank-2', query: QUERY, documents: DOCUMENTS, top_k: 2 },
      cost: TOKENS * 0.00000005,
      upstream: () => fakes['voyage'] as FakeServer,
    },
    {
      group: 'together-rerank',
      path: '/v1/rerank',
      wire: { model: 'Salesforce/Llama-Rank-V1', query: QUERY, documents: DOCUMENTS, top_n: 2, return_documents: false },
      cost: TOKENS * 0.0000001,
      upstream: () => fakes['together'] as FakeServer,
    },
    {
      group: 'infinity-rerank',
      path: '/rerank',
      wire: { model: 'BAAI/bge-reranker-base', query: QUERY, documents: DOCUMENTS, top_n: 2, return_documents: false },
      cost: 0,
      upstream: () => fakes['infinity'] as FakeServer,
    },
    { group: 'tei-rerank', path: '/rerank', wire: { query: QUERY, texts: DOCUMENTS, return_text: false }, cost: 0, upstream: () => fakes['tei'] as FakeServer },
    {
      group: 'bedrock-rerank',
      path: '/rerank',
      wire: {
        queries: [{ type: 'TEXT', textQuery: { text: QUERY } }],
        sources: DOCUMENTS.map((text) => ({ type: 'INLINE', inlineDocumentSource: { type: 'TEXT', textDocument: { text } } })),
        rerankingConfiguration: {
          type: 'BEDROCK_RERANKING_MODEL',
          bedrockRerankingConfiguration: { numberOfResults: 2, modelConfiguration: { modelArn: `arn:aws:bedrock:${REGION}::foundation-model/amazon.rerank-v1:0` } },
        },
      },
      cost: 0.001,
      upstream: () => fakes['bedrock'] as FakeServer,
    },
  ];

  for (const { group, path, wire, cost, upstream } of cases) {
    it(`reranks on ${group}: the provider's wire body, Cohere's reply shape, cost ${cost} in the spend row`, async () => {
      const key = await world.newKey();
      const reply = await world.post('/v1/rerank', { model: group, query: QUERY, documents: DOCUMENTS, top_n: 2, return_documents: true }, key);
      assert.equal(reply.status, 200, JSON.stringify(reply.json));
      const results = reply.json['results'] as Array<{ index: number; relevance_score: number; document?: { text: string } }>;
      assert.deepEqual(
        results.map((result) => result.index),
        [1, 0],
      );
      assert.ok((results[0]?.relevance_score ?? 0) > (results[1]?.relevance_score ?? 1));
      assert.deepEqual(results[0]?.document, { text: DOCUMENTS[1] });
      assert.equal(typeof reply.json['id'], 'string');
      const sent = upstream().requests.at(-1);
      assert.equal(sent?.url, path);
      assert.deepEqual(sent?.json, wire);
      assert.ok(Math.abs(Number(reply.headers.get('x-litellm-response-cost')) - cost) < 1e-12, `cost header ${reply.headers.get('x-litellm-response-cost')}`);
      const [row] = await world.spendRows(key, 1);
      assert.equal(row?.metadata?.['call_type'], 'arerank');
      assert.equal(row?.model_group, group);
      assert.ok(Math.abs((row?.spend ?? -1) - cost) < 1e-12, `spend ${row?.spend}`);
    });
  }

  it("reports billed units in Cohere's meta: search units, or tokens for token-billed rerankers", async () => {
    const cohere = await world.post('/v1/rerank', { model: 'cohere-rerank', query: QUERY, documents: DOCUMENTS });
    assert.deepEqual((cohere.json['meta'] as { billed_units: unknown }).billed_units, { search_units: 1 });
    const bedrock = await world.post('/v1/rerank', { model: 'bedrock-rerank', query: QUERY, documents: DOCUMENTS });
    assert.deepEqual((bedrock.json['meta'] as { billed_units: unknown }).billed_units, { search_units: 1 });
    const jina = await world.post('/v1/rerank', { model: 'jina-rerank', query: QUERY, documents: DOCUMENTS });
    assert.deepEqual((jina.json['meta'] as { billed_units: unknown }).billed_units, { input_tokens: TOKENS });
  });

  it("prices per search unit from the deployment's input_cost_per_query: one unit per 100 documents", async () => {
    const key = await world.newKey();
    const documents = Array.from({ length: 150 }, (_, index) => `document ${index}`);
    const reply = await world.post('/v1/rerank', { model: 'infinity-priced', query: QUERY, documents, top_n: 1 }, key);
    assert.equal(reply.status, 200);
    assert.equal(Number(reply.headers.get('x-litellm-response-cost')), 2 * 0.0005);
    const [row] = await world.spendRows(key, 1);
    assert.ok(Math.abs((row?.spend ?? 0) - 0.001) < 1e-12, `spend ${row?.spend}`);
  });

  it('health-checks a deployment whose model_info.mode is rerank with a one-document rerank', async () => {
    const response = await fetch(`${world.gateway.url}/health?model=jina-health`, { headers: { authorization: `Bearer ${OPERATIONS_MASTER_KEY}` } });
    const health = (await response.json()) as { healthy_count: number; unhealthy_count: number };
    assert.deepEqual([health.healthy_count, health.unhealthy_count], [1, 0]);
    assert.deepEqual((fakes['jina'] as FakeServer).requests.at(-1)?.json, {
      model: 'jina-reranker-v2-base-multilingual',
      query: 'ping',
      documents: ['ping'],
      return_documents: false,
    });
  });

  it('serves /rerank and /v2/rerank too, and ranks object documents by their text', async () => {
    for (const path of ['/rerank', '/v2/rerank']) {
      const reply = await world.post(path, { model: 'cohere-rerank', query: QUERY, documents: DOCUMENTS.map((text) => ({ text, source: 'wiki' })), top_n: 1 });
      assert.equal(reply.status, 200);
      assert.deepEqual(
        (reply.json['results'] as Array<{ index: number }>).map((result) => result.index),
        [1],
      );
      assert.deepEqual((fakes['cohere'] as FakeServer).requests.at(-1)?.json, { model: 'rerank-v3.5', query: QUERY, documents: DOCUMENTS, top_n: 1 });
    }
  });

  it('falls back through the Router: a failing group hands the call to the fallback named in the body', async () => {
    const reply = await world.post('/v1/rerank', { model: 'cohere-broken', query: QUERY, documents: DOCUMENTS, fallbacks: ['jina-rerank'] });
    assert.equal(reply.status, 200, JSON.stringify(reply.json));
    assert.equal(reply.headers.get('x-litellm-model-group'), 'jina-rerank');
    assert.equal(reply.headers.get('x-litellm-attempted-fallbacks'), '1');
    const refused = await world.post('/v1/rerank', { model: 'cohere-broken', query: QUERY, documents: DOCUMENTS });
    // The gateway's own upstream key was refused: not the caller's fault, so a 502 that says so.
    assert.equal(refused.status, 502);
    assert.equal((refused.json['error'] as { code: string }).code, 'upstream_credential_error');
  });

  it('refuses bodies that are not rerank requests with OpenAI-shaped 400s', async () => {
    const hostile = [
      { model: 'cohere-rerank', documents: DOCUMENTS },
      { model: 'cohere-rerank', query: QUERY, documents: [] },
      { model: 'cohere-rerank', query: QUERY, documents: DOCUMENTS, top_n: 0 },
      { model: 'cohere-rerank', query: QUERY, documents: [1, 2] },
      { model: 'cohere-rerank', query: QUERY, documents: 'one' },
      { model: 'cohere-rerank', query: { text: QUERY }, documents: DOCUMENTS },
      { model: 'cohere-rerank', query: QUERY, documents: DOCUMENTS, top_n: 'two' },
      { model: 'cohere-rerank', query: QUERY, documents: DOCUMENTS, return_documents: 'yes' },
      { model: ['cohere-rerank'], query: QUERY, documents: DOCUMENTS },
      [],
    ];
    for (const body of hostile) {
      const reply = await world.post('/v1/rerank', body);
      assert.equal(reply.status, 400);
      assert.equal((reply.json['error'] as { type: string }).type, 'invalid_request_error');
    }
  });

  it('refuses a key without access to the model, before any upstream call', async () => {
    const key = await world.newKey({ models: ['jina-rerank'] });
    const calls = (fakes['cohere'] as FakeServer).requests.length;
    const reply = await world.post('/v1/rerank', { model: 'cohere-rerank', query: QUERY, documents: DOCUMENTS }, key);
    assert.equal(reply.status, 401);
    assert.match((reply.json['error'] as { message: string }).message, /not allowed to access model cohere-rerank/);
    assert.equal((fakes['cohere'] as FakeServer).requests.length, calls);
  });

  it('refuses a key over its budget, before any upstream call', async () => {
    const key = await world.newKey({ max_budget: 0.001 });
    assert.equal((await world.post('/v1/rerank', { model: 'cohere-rerank', query: QUERY, documents: DOCUMENTS }, key)).status, 200);
    await world.spendRows(key, 1);
    const calls = (fakes['cohere'] as FakeServer).requests.length;
    const refused = await world.post('/v1/rerank', { model: 'cohere-rerank', query: QUERY, documents: DOCUMENTS }, key);
    assert.equal(refused.status, 429);
    assert.match((refused.json['error'] as { message: string }).message, /budget/i);
    assert.equal((fakes['cohere'] as FakeServer).requests.length, calls);
  });
});
