// Proves the fake Bedrock Agent Runtime's Rerank with the official AWS client
// (@aws-sdk/client-bedrock-agent-runtime, over HTTP/1.1: the fake is a plain http server
// where the client defaults to HTTP/2): it signs with SigV4 for `bedrock`, sends the
// documented body, and reads the fake's reply; wrong credentials and a bad model ARN come
// back as the client's typed exceptions.

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { BedrockAgentRuntimeClient, RerankCommand, type RerankCommandInput } from '@aws-sdk/client-bedrock-agent-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { startFakeBedrockAgentRuntime } from './fake-bedrock-rerank.js';
import type { FakeServer } from './start-fake-server.js';

const CREDENTIALS = { accessKeyId: 'AKIAFAKERERANKPROOF1', secretAccessKey: 'fake-rerank-proof-secret-00000000000000' };
const REGION = 'us-west-2';
const DOCUMENTS = ['Berlin is the capital of Germany.', 'Paris is the capital of France.', 'France is known for wine.'];

function input(modelArn: string, numberOfResults = 2): RerankCommandInput {
  return {
    queries: [{ type: 'TEXT', textQuery: { text: 'What is the capital of France?' } }],
    sources: DOCUMENTS.map((text) => ({ type: 'INLINE', inlineDocumentSource: { type: 'TEXT', textDocument: { text } } })),
    rerankingConfiguration: { type: 'BEDROCK_RERANKING_MODEL', bedrockRerankingConfiguration: { numberOfResults, modelConfiguration: { modelArn } } },
  };
}

describe('fake Bedrock Agent Runtime Rerank, through the official AWS client', () => {
  let fake: FakeServer;
  before(async () => {
    fake = await startFakeBedrockAgentRuntime({ ...CREDENTIALS, region: REGION });
  });
  after(() => fake.close());

  const client = (credentials = CREDENTIALS) =>
    new BedrockAgentRuntimeClient({ region: REGION, endpoint: fake.url, credentials, maxAttempts: 1, requestHandler: new NodeHttpHandler() });

  it('ranks the inline documents, best first, numberOfResults of them', async () => {
    const reply = await client().send(new RerankCommand(input(`arn:aws:bedrock:${REGION}::foundation-model/amazon.rerank-v1:0`)));
    assert.deepEqual(
      reply.results?.map((result) => result.index),
      [1, 0],
    );
    assert.ok((reply.results?.[0]?.relevanceScore ?? 0) > (reply.results?.[1]?.relevanceScore ?? 1));
    assert.equal(fake.requests.at(-1)?.url, '/rerank');
    assert.match(String(fake.requests.at(-1)?.headers.authorization), new RegExp(`/${REGION}/bedrock/aws4_request`));
  });

  it('refuses a model ARN of another region as a ValidationException', async () => {
    await assert.rejects(
      client().send(new RerankCommand(input('arn:aws:bedrock:eu-west-1::foundation-model/cohere.rerank-v3-5:0'))),
      (error: unknown) => (error as { name?: string }).name === 'ValidationException',
    );
  });

  it('refuses unknown credentials', async () => {
    await assert.rejects(
      client({ ...CREDENTIALS, secretAccessKey: 'wrong-secret-000000000000000000000000000' }).send(
        new RerankCommand(input(`arn:aws:bedrock:${REGION}::foundation-model/amazon.rerank-v1:0`)),
      ),
      (error: unknown) => (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 403,
    );
  });
});
