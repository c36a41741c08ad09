// /v1/embeddings through the gateway with the official openai client on Jina, Voyage and
// Mistral (OpenAI-format embeddings, each with its own parameter names): the client's default
// base64 encoding and `dimensions` reach each under the provider's names, the vectors come
// back decoded, and the spend row holds the prompt tokens with call_type aembedding. Then
// Bedrock's Cohere Embed v4 and Nova multimodal embeddings, through InvokeModel, and Vertex
// AI's multimodalembedding (text and images, one predict call each).

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  startFakeGoogleTokenServer,
  startFakeJinaUpstream,
  startFakeMistralUpstream,
  startFakeVertexUpstream,
  startFakeVoyageUpstream,
  type FakeServer,
} from '@llmux/fake-upstreams';
import { startFakeBedrockDeployment } from './helpers/fake-bedrock-deployment.js';
import { startOperationsGateway, type OperationsGateway } from './helpers/operations-gateway.js';
import { writeServiceAccountFile } from './helpers/service-account-file.js';

const KEY = 'embeddings-upstream-key-0123';
const PROJECT = 'embeddings-vertex-project';
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('/v1/embeddings on Jina, Voyage and Mistral', () => {
  let world: OperationsGateway;
  let jina: FakeServer;
  let voyage: FakeServer;
  let mistral: FakeServer;
  let bedrock: FakeServer;
  let vertex: FakeServer;
  before(async () => {
    const tokenServer = await startFakeGoogleTokenServer();
    vertex = await startFakeVertexUpstream({ tokens: tokenServer.issued, project: PROJECT });
    const keyFile = await writeServiceAccountFile(tokenServer.createServiceAccount({ projectId: PROJECT }).keyFile);
    const onBedrock = await startFakeBedrockDeployment();
    bedrock = onBedrock.server;
    jina = await startFakeJinaUpstream({ apiKey: KEY });
    voyage = await startFakeVoyageUpstream({ apiKey: KEY });
    mistral = await startFakeMistralUpstream({ apiKey: KEY });
    world = await startOperationsGateway(
      [
        { model_name: 'jina-embed', litellm_params: { model: 'jina_ai/jina-embeddings-v3', api_base: `${jina.url}/v1`, api_key: KEY } },
        { model_name: 'voyage-embed', litellm_params: { model: 'voyage/voyage-3.5', api_base: `${voyage.url}/v1`, api_key: KEY } },
        { model_name: 'mistral-embed', litellm_params: { model: 'mistral/mistral-embed', api_base: `${mistral.url}/v1`, api_key: KEY } },
        { model_name: 'cohere-v4', litellm_params: onBedrock.params('cohere.embed-v4:0') },
        { model_name: 'nova-embed', litellm_params: onBedrock.params('amazon.nova-2-multimodal-embeddings-v1:0') },
        {
          model_name: 'vertex-multimodal',
          litellm_params: {
            model: 'vertex_ai/multimodalembedding@001',
            api_base: vertex.url,
            vertex_project: PROJECT,
            vertex_location: 'us-central1',
            vertex_credentials: keyFile.path,
          },
        },
      ],
      [jina, voyage, mistral, bedrock, vertex, tokenServer, keyFile],
    );
  });
  after(() => world.close());

  const cases = [
    { group: 'jina-embed', upstream: () => jina, wire: { model: 'jina-embeddings-v3', input: ['alpha beta', 'gamma'], embedding_type: 'base64', dimensions: 4 } },
    { group: 'voyage-embed', upstream: () => voyage, wire: { model: 'voyage-3.5', input: ['alpha beta', 'gamma'], encoding_format: 'base64', output_dimension: 4 } },
    { group: 'mistral-embed', upstream: () => mistral, wire: { model: 'mistral-embed', input: ['alpha beta', 'gamma'], encoding_format: 'base64', output_dimension: 4 } },
  ];

  for (const { group, upstream, wire } of cases) {
    it(`embeds on ${group}: the provider's parameter names, vectors decoded, prompt tokens in the spend row`, async () => {
      const key = await world.newKey();
      const embeddings = await world.client(key).embeddings.create({ model: group, input: ['alpha beta', 'gamma'], dimensions: 4 });
      assert.equal(embeddings.data.length, 2);
      assert.equal(embeddings.data[0]?.embedding.length, 4);
      assert.ok(embeddings.data[0]?.embedding.every((value) => typeof value === 'number' && Number.isFinite(value)));
      assert.equal(embeddings.usage.prompt_tokens, 3);
      const sent = upstream().requests.at(-1);
      assert.equal(sent?.url, '/v1/embeddings');
      assert.equal(sent?.headers.authorization, `Bearer ${KEY}`);
      assert.deepEqual(sent?.json, wire);
      const [row] = await world.spendRows(key, 1);
      assert.equal(row?.metadata?.['call_type'], 'aembedding');
      assert.equal(row?.prompt_tokens, 3);
    });
  }

  it('embeds with Cohere Embed v4 on Bedrock: output_dimension asked, vectors by type read', async () => {
    const embeddings = await world.client().embeddings.create({ model: 'cohere-v4', input: ['alpha beta', 'gamma'], dimensions: 256, encoding_format: 'float' });
    assert.deepEqual(
      embeddings.data.map((item) => item.embedding.length),
      [256, 256],
    );
    const sent = bedrock.requests.at(-1);
    assert.equal(sent?.url, `/model/${encodeURIComponent('cohere.embed-v4:0')}/invoke`);
    assert.deepEqual(sent?.json, { texts: ['alpha beta', 'gamma'], input_type: 'search_document', output_dimension: 256 });
  });

  it('embeds with Nova multimodal embeddings on Bedrock: one call per text, tokens from the header, billed rows', async () => {
    const key = await world.newKey();
    const before = bedrock.requests.length;
    const embeddings = await world.client(key).embeddings.create({ model: 'nova-embed', input: ['alpha beta', 'gamma'], dimensions: 256 });
    assert.deepEqual(
      embeddings.data.map((item) => [item.index, item.embedding.length]),
      [
        [0, 256],
        [1, 256],
      ],
    );
    assert.equal(embeddings.usage.prompt_tokens, 3);
    const sent = bedrock.requests.slice(before).map((request) => request.json);
    assert.deepEqual(
      sent,
      ['alpha beta', 'gamma'].map((value) => ({
        taskType: 'SINGLE_EMBEDDING',
        singleEmbeddingParams: { embeddingPurpose: 'GENERIC_INDEX', embeddingDimension: 256, text: { truncationMode: 'END', value } },
      })),
    );
    const [row] = await world.spendRows(key, 1);
    assert.equal(row?.metadata?.['call_type'], 'aembedding');
    assert.equal(row?.prompt_tokens, 3);
    // A size Nova does not offer is Bedrock's 400, passed on.
    await assert.rejects(world.client().embeddings.create({ model: 'nova-embed', input: 'x', dimensions: 100 }), (error: unknown) => (error as { status?: number }).status === 400);
  });

  it('embeds text and images with Vertex multimodalembedding, one predict call each', async () => {
    const before = vertex.requests.length;
    const embeddings = await world
      .client()
      .embeddings.create({ model: 'vertex-multimodal', input: ['a red square', `data:image/png;base64,${PNG}`, 'gs://bucket/cat.png'], dimensions: 128 });
    assert.deepEqual(
      embeddings.data.map((item) => [item.index, item.embedding.length]),
      [
        [0, 128],
        [1, 128],
        [2, 128],
      ],
    );
    const sent = vertex.requests.slice(before);
    assert.ok(
      sent.every((request) => request.url.endsWith('/publishers/google/models/multimodalembedding@001:predict')),
      sent.map((request) => request.url).join(),
    );
    assert.deepEqual(
      sent.map((request) => request.json).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      [
        { instances: [{ image: { bytesBase64Encoded: PNG } }], parameters: { dimension: 128 } },
        { instances: [{ image: { gcsUri: 'gs://bucket/cat.png' } }], parameters: { dimension: 128 } },
        { instances: [{ text: 'a red square' }], parameters: { dimension: 128 } },
      ],
    );
    // A size the model does not offer is Vertex's 400, passed on.
    await assert.rejects(
      world.client().embeddings.create({ model: 'vertex-multimodal', input: 'x', dimensions: 100 }),
      (error: unknown) => (error as { status?: number }).status === 400,
    );
  });

  it('drops the end-user id Mistral refuses, with a warning', async () => {
    const { response } = await world.client().embeddings.create({ model: 'mistral-embed', input: 'x', user: 'end-user-1', encoding_format: 'float' }).withResponse();
    assert.equal(response.status, 200);
    assert.match(response.headers.get('x-llmux-warnings') ?? '', /user/);
    assert.deepEqual(mistral.requests.at(-1)?.json, { model: 'mistral-embed', input: 'x', encoding_format: 'float' });
  });
});
