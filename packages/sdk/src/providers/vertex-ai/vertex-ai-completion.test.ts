// The Vertex AI adapter end to end through completion() and embedding(): Gemini and Claude
// models behind one provider, each call authorised by a token the fake Google endpoint
// issued for an RS256 assertion, with token caching, refresh and missing-setting errors.

import { strict as assert } from 'node:assert';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { startFakeGoogleTokenServer, startFakeVertexUpstream, type FakeGeminiReply, type FakeServiceAccount } from '@llmux/fake-upstreams';
import {
  AuthenticationError,
  BadRequestError,
  PermissionDeniedError,
  ServiceUnavailableError,
  UnsupportedParamsError,
  completion,
  embedding,
  type CompletionParams,
} from '../../index.js';
import { vertexHost } from './resolve-vertex-endpoint.js';
import { expectedReasoningUsage } from '../__fixtures__/expected-usage.js';
import { useClearedEnv } from '../__fixtures__/saved-env.js';
import { useFakeServer, useFakeUpstream } from '../__fixtures__/use-fake-upstream.js';
import { collectStream } from '../__fixtures__/collect-stream.js';

const PROJECT = 'llmux-test-project';
const ENV_NAMES = ['GOOGLE_APPLICATION_CREDENTIALS', 'VERTEXAI_PROJECT', 'VERTEXAI_LOCATION', 'GOOGLE_CLOUD_PROJECT'] as const;

describe('vertex_ai provider through the public API', () => {
  let account: FakeServiceAccount;
  let directory: string;
  useClearedEnv(ENV_NAMES);
  // The token server first: the fake Vertex checks the tokens it issues.
  const google = useFakeServer(startFakeGoogleTokenServer);
  const upstream = useFakeUpstream<FakeGeminiReply>((reply) => startFakeVertexUpstream({ tokens: google.fake.issued, project: PROJECT, reply }), {
    content: 'Hello from Vertex',
    usage: { promptTokens: 8, completionTokens: 2 },
  });

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'llmux-vertex-'));
  });
  after(async () => {
    await rm(directory, { recursive: true, force: true });
  });
  beforeEach(() => {
    // A fresh account per test, so that the process-wide token cache starts empty.
    account = google.fake.createServiceAccount();
  });
  afterEach(() => {
    google.fake.expiresInSeconds = 3599;
    for (const name of ENV_NAMES) delete process.env[name];
  });

  const params = (model: string, extra: Partial<CompletionParams> = {}): CompletionParams => ({
    model: `vertex_ai/${model}`,
    api_base: upstream.fake.url,
    vertex_project: PROJECT,
    vertex_credentials: JSON.stringify(account.keyFile),
    http_client: upstream.http,
    messages: [{ role: 'user', content: 'hi' }],
    ...extra,
  });
  const chat = (model: string, extra: Partial<CompletionParams> = {}) => completion({ ...params(model, extra), stream: false });
  const tokenRequests = () => google.fake.requests.length;
  const lastVertex = () => upstream.fake.requests.at(-1);

  it('calls Gemini on Vertex with a bearer token from the service account', async () => {
    const response = await chat('gemini-2.5-flash', {
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hi' },
      ],
      max_tokens: 50,
    });
    assert.equal(lastVertex()?.url, `/v1/projects/${PROJECT}/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent`);
    assert.equal(lastVertex()?.headers.authorization, `Bearer ${google.fake.issued.at(-1)}`);
    assert.deepEqual(lastVertex()?.json, {
      contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      generationConfig: { maxOutputTokens: 50 },
    });
    assert.deepEqual(response.choices, [{ index: 0, message: { role: 'assistant', refusal: null, content: 'Hello from Vertex' }, logprobs: null, finish_reason: 'stop' }]);
    assert.equal(response.usage?.total_tokens, 10);
    assert.equal(response.llmux.provider, 'vertex_ai');
  });

  it('uses one token request for several calls, concurrent or not', async () => {
    const before = tokenRequests();
    await chat('gemini-2.5-flash');
    await chat('gemini-2.5-flash');
    await Promise.all([chat('gemini-2.5-flash'), chat('claude-sonnet-4-5@20250929', { max_tokens: 10 })]);
    assert.equal(tokenRequests() - before, 1);
  });

  it('refreshes a token about to expire, and replaces one Vertex refused', async () => {
    google.fake.expiresInSeconds = 60;
    const before = tokenRequests();
    await chat('gemini-2.5-flash');
    const first = lastVertex()?.headers.authorization;
    await chat('gemini-2.5-flash');
    assert.notEqual(lastVertex()?.headers.authorization, first, 'a token with a minute left is refreshed before use');
    assert.equal(tokenRequests() - before, 2);

    google.fake.expiresInSeconds = 3599;
    await chat('gemini-2.5-flash');
    const revoked = google.fake.issued.splice(google.fake.issued.indexOf(String(lastVertex()?.headers.authorization).slice(7)), 1)[0];
    await assert.rejects(chat('gemini-2.5-flash'), (error: unknown) => {
      assert.ok(error instanceof AuthenticationError);
      assert.ok(!error.message.includes(revoked ?? '-'), error.message);
      return true;
    });
    await chat('gemini-2.5-flash');
    assert.notEqual(lastVertex()?.headers.authorization, `Bearer ${revoked}`);
  });

  it('streams Gemini on Vertex with usage at the end', async () => {
    upstream.reply = { content: 'one two three', usage: { promptTokens: 17, completionTokens: 9 }, thoughtsTokens: 4, finish: 'length' };
    const chunks = await collectStream(await completion({ ...params('gemini-2.5-flash'), stream: true, stream_options: { include_usage: true } }));
    assert.equal(lastVertex()?.url, `/v1/projects/${PROJECT}/locations/us-central1/publishers/google/models/gemini-2.5-flash:streamGenerateContent?alt=sse`);
    assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), 'one two three');
    assert.equal(chunks.at(-2)?.choices[0]?.finish_reason, 'length');
    assert.deepEqual(chunks.at(-1)?.usage, expectedReasoningUsage(17, 9, { reasoning: 4 }));
  });

  it('calls Claude on Vertex through rawPredict with the Anthropic body, without model', async () => {
    upstream.reply = { content: 'Hi from Claude', usage: { promptTokens: 30, completionTokens: 4, cachedTokens: 20 } };
    const response = await chat('claude-sonnet-4-5@20250929', {
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hi' },
      ],
      max_tokens: 64,
      temperature: 0.5,
    });
    assert.equal(lastVertex()?.url, `/v1/projects/${PROJECT}/locations/us-central1/publishers/anthropic/models/claude-sonnet-4-5@20250929:rawPredict`);
    assert.deepEqual(lastVertex()?.json, {
      anthropic_version: 'vertex-2023-10-16',
      max_tokens: 64,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      system: 'Be brief.',
      temperature: 0.5,
    });
    assert.deepEqual(response.choices, [{ index: 0, message: { role: 'assistant', refusal: null, content: 'Hi from Claude' }, logprobs: null, finish_reason: 'stop' }]);
    assert.equal(response.usage?.prompt_tokens_details?.cached_tokens, 20);
  });

  it('streams Claude on Vertex through streamRawPredict, tool calls included', async () => {
    upstream.reply = { toolCalls: [{ id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Paris"}' }] };
    const tools = [{ type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
    const chunks = await collectStream(await completion({ ...params('claude-haiku-4-5', { max_tokens: 64, tools }), stream: true }));
    assert.match(lastVertex()?.url ?? '', /publishers\/anthropic\/models\/claude-haiku-4-5:streamRawPredict$/);
    assert.equal((lastVertex()?.json as { stream: boolean }).stream, true);
    const args = chunks
      .flatMap((chunk) => chunk.choices.flatMap((choice) => choice.delta.tool_calls ?? []))
      .map((call) => call.function?.arguments ?? '')
      .join('');
    assert.equal(args, '{"city":"Paris"}');
    assert.equal(chunks.find((chunk) => chunk.choices[0]?.finish_reason)?.choices[0]?.finish_reason, 'tool_calls');
  });

  it('maps Claude and Google errors, and refuses parameters the model family cannot honour', async () => {
    upstream.reply = { error: { status: 529, body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } } };
    await assert.rejects(chat('claude-haiku-4-5', { max_tokens: 8 }), ServiceUnavailableError);
    await assert.rejects(chat('claude-haiku-4-5', { max_tokens: 8, vertex_project: 'someone-else' }), PermissionDeniedError);
    await assert.rejects(chat('claude-haiku-4-5', { max_tokens: 8, n: 2 }), (error: unknown) => error instanceof UnsupportedParamsError && error.param === 'n');
    await assert.rejects(chat('gemini-2.5-flash', { user: 'u-1' }), (error: unknown) => error instanceof UnsupportedParamsError && error.param === 'user');
  });

  it('reads credentials from a path, GOOGLE_APPLICATION_CREDENTIALS, and the project from the environment or the key', async () => {
    const path = join(directory, `${account.keyFile.client_email}.json`);
    await writeFile(path, JSON.stringify({ ...account.keyFile, project_id: PROJECT }));
    await chat('gemini-2.5-flash', { vertex_credentials: path, vertex_project: undefined });
    assert.match(lastVertex()?.url ?? '', new RegExp(`^/v1/projects/${PROJECT}/`));

    process.env['GOOGLE_APPLICATION_CREDENTIALS'] = path;
    process.env['VERTEXAI_LOCATION'] = 'europe-west4';
    await chat('gemini-2.5-flash', { vertex_credentials: undefined });
    assert.match(lastVertex()?.url ?? '', /\/locations\/europe-west4\//);

    process.env['VERTEXAI_PROJECT'] = PROJECT;
    await chat('gemini-2.5-flash', { vertex_credentials: JSON.stringify(account.keyFile), vertex_project: undefined, vertex_location: 'global' });
    assert.match(lastVertex()?.url ?? '', new RegExp(`^/v1/projects/${PROJECT}/locations/global/`));
  });

  it('names exactly what is missing: credentials or project', async () => {
    await assert.rejects(chat('gemini-2.5-flash', { vertex_credentials: undefined }), (error: unknown) => {
      assert.ok(error instanceof AuthenticationError);
      assert.match(error.message, /pass vertex_credentials .* or set GOOGLE_APPLICATION_CREDENTIALS/);
      assert.equal(error.code, 'missing_credentials');
      return true;
    });
    await assert.rejects(chat('gemini-2.5-flash', { vertex_project: undefined }), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.equal(error.param, 'vertex_project');
      assert.match(error.message, /pass vertex_project, set VERTEXAI_PROJECT or GOOGLE_CLOUD_PROJECT/);
      return true;
    });
    await assert.rejects(chat('gemini-2.5-flash', { vertex_credentials: '{"type":"service_account"' }), (error: unknown) => {
      assert.ok(error instanceof AuthenticationError);
      assert.ok(!error.message.includes('PRIVATE KEY'));
      return true;
    });
  });

  it('embeds with predict and reports the token counts', async () => {
    const result = await embedding({
      model: 'vertex_ai/text-embedding-005',
      input: ['hello world', 'bye'],
      dimensions: 4,
      api_base: upstream.fake.url,
      vertex_project: PROJECT,
      vertex_credentials: account.keyFile,
      http_client: upstream.http,
    });
    assert.equal(lastVertex()?.url, `/v1/projects/${PROJECT}/locations/us-central1/publishers/google/models/text-embedding-005:predict`);
    assert.deepEqual(lastVertex()?.json, { instances: [{ content: 'hello world' }, { content: 'bye' }], parameters: { outputDimensionality: 4 } });
    assert.deepEqual(
      result.data.map((item) => (item.embedding as number[]).length),
      [4, 4],
    );
    assert.deepEqual(result.usage, { prompt_tokens: 3, total_tokens: 3 });
  });
});

describe('vertexHost', () => {
  it('derives the regional, global and multi-region hosts', () => {
    assert.equal(vertexHost('us-central1'), 'https://us-central1-aiplatform.googleapis.com');
    assert.equal(vertexHost('global'), 'https://aiplatform.googleapis.com');
    assert.equal(vertexHost('eu'), 'https://aiplatform.eu.rep.googleapis.com');
  });
});
