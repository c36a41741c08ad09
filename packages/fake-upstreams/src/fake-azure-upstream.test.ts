// The fake Azure OpenAI resource must be faithful: the official `openai` client's AzureOpenAI
// class drives it here (deployment URLs, api-version, api-key and Entra ID auth), and
// anything it would reject or misread fails these tests.

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import OpenAI, { AzureOpenAI } from 'openai';
import type { FakeChatReply } from './fake-chat-reply.js';
import { azureContentFilterError, startFakeAzureUpstream, startFakeEntraTokenEndpoint, type FakeEntraServer } from './fake-azure-upstream.js';
import type { FakeServer } from './start-fake-server.js';

const API_KEY = 'azure-fake-key-0123456789abcdef';
const API_VERSION = '2024-10-21';
const ENTRA = { tenantId: 'tenant-1', clientId: 'client-1', clientSecret: 'secret-1-abcdef' };

describe('fake Azure OpenAI upstream, driven by the official AzureOpenAI client', () => {
  let entra: FakeEntraServer;
  let fake: FakeServer;
  let next: FakeChatReply | undefined;
  let client: AzureOpenAI;

  before(async () => {
    entra = await startFakeEntraTokenEndpoint(ENTRA);
    fake = await startFakeAzureUpstream({
      apiKey: API_KEY,
      token: (token) => entra.isIssued(token),
      reply: () => next ?? { content: 'Hello from Azure', usage: { promptTokens: 7, completionTokens: 3 } },
      models: { 'my-gpt': 'gpt-4o-2024-08-06' },
    });
    client = new AzureOpenAI({ apiKey: API_KEY, endpoint: fake.url, apiVersion: API_VERSION, deployment: 'my-gpt', maxRetries: 0 });
  });
  after(async () => {
    await fake.close();
    await entra.close();
  });

  it('answers a chat completion on the deployment route, with content-filter results', async () => {
    next = undefined;
    const completion = await client.chat.completions.create({ model: 'ignored', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(completion.choices[0]?.message.content, 'Hello from Azure');
    assert.equal(completion.model, 'gpt-4o-2024-08-06');
    assert.equal(completion.usage?.total_tokens, 10);
    // Azure's content-filter fields are not in the openai client's types.
    const raw = completion as unknown as { prompt_filter_results?: unknown[]; choices: Array<{ content_filter_results?: unknown }> };
    assert.equal(raw.prompt_filter_results?.length, 1);
    assert.ok(raw.choices[0]?.content_filter_results);
    const sent = fake.requests.at(-1);
    assert.equal(sent?.url, `/openai/deployments/my-gpt/chat/completions?api-version=${API_VERSION}`);
    assert.equal(sent?.headers['api-key'], API_KEY);
  });

  it('streams with a prompt-filter-only first chunk, then OpenAI chunks and usage', async () => {
    next = { content: 'one two three' };
    const stream = await client.chat.completions.create({
      model: 'ignored',
      messages: [{ role: 'user', content: 'count' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    assert.deepEqual({ id: chunks[0]?.id, model: chunks[0]?.model, created: chunks[0]?.created, choices: chunks[0]?.choices }, { id: '', model: '', created: 0, choices: [] });
    assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), 'one two three');
    assert.equal(chunks.at(-2)?.choices[0]?.finish_reason, 'stop');
    assert.equal(chunks.at(-1)?.usage?.completion_tokens, 3);
  });

  it('reports a blocked prompt as a 400 with code content_filter', async () => {
    next = { error: azureContentFilterError() };
    const error = await client.chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'bad' }] }).then(
      () => assert.fail('expected an error'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof OpenAI.BadRequestError);
    assert.equal(error.code, 'content_filter');
    assert.equal(error.param, 'prompt');
  });

  it('refuses a wrong key and a missing api-version', async () => {
    const wrong = new AzureOpenAI({ apiKey: 'nope-nope-nope', endpoint: fake.url, apiVersion: API_VERSION, deployment: 'my-gpt', maxRetries: 0 });
    await assert.rejects(wrong.chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'hi' }] }), OpenAI.AuthenticationError);
    const response = await fetch(`${fake.url}/openai/deployments/my-gpt/chat/completions`, {
      method: 'POST',
      headers: { 'api-key': API_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [] }),
    });
    assert.equal(response.status, 404);
  });

  it('accepts an Entra ID token from its token endpoint, and embeds', async () => {
    const tokenResponse = await fetch(`${entra.url}/${ENTRA.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: ENTRA.clientId,
        client_secret: ENTRA.clientSecret,
        scope: 'https://cognitiveservices.azure.com/.default',
      }),
    });
    const token = (await tokenResponse.json()) as { token_type: string; expires_in: number; access_token: string };
    assert.equal(token.token_type, 'Bearer');
    assert.equal(token.expires_in, 3599);
    const viaToken = new AzureOpenAI({ azureADTokenProvider: async () => token.access_token, endpoint: fake.url, apiVersion: API_VERSION, maxRetries: 0 });
    const result = await viaToken.embeddings.create({ model: 'embedder', input: ['a', 'b'], encoding_format: 'float' });
    assert.equal(result.data.length, 2);
    assert.equal(fake.requests.at(-1)?.url, `/openai/deployments/embedder/embeddings?api-version=${API_VERSION}`);
    assert.equal(fake.requests.at(-1)?.headers.authorization, `Bearer ${token.access_token}`);
  });

  it('refuses a wrong client secret with an Entra error body', async () => {
    const response = await fetch(`${entra.url}/${ENTRA.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: ENTRA.clientId, client_secret: 'wrong', scope: 'https://cognitiveservices.azure.com/.default' }),
    });
    assert.equal(response.status, 401);
    assert.equal(((await response.json()) as { error: string }).error, 'invalid_client');
  });

  it('serves the v1 API with the deployment in the body, through the plain OpenAI client', async () => {
    next = undefined;
    const v1 = new OpenAI({ apiKey: 'unused', baseURL: `${fake.url}/openai/v1`, defaultHeaders: { 'api-key': API_KEY }, maxRetries: 0 });
    const completion = await v1.chat.completions.create({ model: 'my-gpt', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(completion.choices[0]?.message.content, 'Hello from Azure');
    assert.equal(fake.requests.at(-1)?.url, '/openai/v1/chat/completions');
  });
});
