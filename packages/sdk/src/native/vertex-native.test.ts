// Passthrough to Claude on Vertex AI through nativeCall(): the Messages body goes to
// `:rawPredict` / `:streamRawPredict` without model and with Vertex's anthropic_version,
// authorised by a Google token; anthropic-beta goes as a header; the reply's bytes (JSON
// and SSE) come back as sent, with usage and cost read from them.

import { strict as assert } from 'node:assert';
import { before, describe, it } from 'node:test';
import { startFakeGoogleTokenServer, startFakeVertexUpstream, unauthenticatedBody, type FakeServiceAccount, type RecordedRequest } from '@llmux/fake-upstreams';
import { APIConnectionError, AuthenticationError, BadRequestError, RateLimitError, ServiceUnavailableError, nativeCall, speaksNatively } from '../index.js';
import { useFakeServer, useFakeUpstream } from '../providers/__fixtures__/use-fake-upstream.js';
import {
  PLATFORM_BETAS,
  CACHE_REPLY,
  CACHE_USAGE,
  CLIENT_HEADERS,
  PRICES,
  anthropicErrorReply,
  asStream,
  assertCachePriced,
  createRichBody,
  lastRequest,
  readAll,
  readFailingStream,
  watchEnd,
  without,
} from './__fixtures__/native-fixtures.js';
import { itTypesErrorReplies } from './__fixtures__/it-types-error-replies.js';

const PROJECT = 'llmux-native-project';
const MODEL = 'claude-sonnet-4@20250514';

describe('nativeCall to vertex_ai/claude-… (rawPredict)', () => {
  // The token server first: the fake Vertex checks the tokens it issues.
  const google = useFakeServer(startFakeGoogleTokenServer);
  const vertex = useFakeUpstream((reply) => startFakeVertexUpstream({ tokens: google.fake.issued, project: PROJECT, reply }), CACHE_REPLY);
  let account: FakeServiceAccount;
  const call = (stream: boolean) =>
    nativeCall(
      {
        model: `vertex_ai/${MODEL}`,
        api_base: vertex.fake.url,
        vertex_project: PROJECT,
        vertex_location: 'us-east5',
        vertex_credentials: JSON.stringify(account.keyFile),
        http_client: vertex.http,
        ...PRICES,
      },
      { dialect: 'anthropic-messages', body: createRichBody(stream), stream, headers: CLIENT_HEADERS },
    );
  const lastSent = () => lastRequest(vertex.fake);
  const assertBodyUnchanged = (sent: RecordedRequest, stream: boolean) => {
    const json = sent.json as Record<string, unknown>;
    assert.equal(json['anthropic_version'], 'vertex-2023-10-16');
    assert.equal('model' in json, false);
    assert.deepEqual(without(json, ['anthropic_version']), without(createRichBody(stream), ['model']));
    assert.equal(sent.headers['anthropic-beta'], PLATFORM_BETAS.join(','));
    assert.equal(sent.headers.authorization, `Bearer ${google.fake.issued.at(-1)}`);
    assert.equal(sent.headers['x-api-key'], undefined);
    assert.equal(sent.headers.cookie, undefined);
  };

  before(() => {
    account = google.fake.createServiceAccount();
  });

  it('speaks the Messages dialect for Claude models only', () => {
    assert.equal(speaksNatively(`vertex_ai/${MODEL}`, 'anthropic-messages'), true);
    assert.equal(speaksNatively('vertex_ai/gemini-2.5-pro', 'anthropic-messages'), false);
    assert.equal(speaksNatively(`vertex_ai/${MODEL}`, 'openai-responses'), false);
  });

  it('posts the body to rawPredict unchanged apart from the envelope and returns the reply bytes as sent', async () => {
    const reply = await call(false);
    const sent = lastSent();
    assert.equal(sent.url, `/v1/projects/${PROJECT}/locations/us-east5/publishers/anthropic/models/${MODEL}:rawPredict`);
    assertBodyUnchanged(sent, false);
    assert.equal(reply.kind, 'json');
    if (reply.kind !== 'json') return;
    assert.ok(reply.body.equals(Buffer.concat(sent.sent)));
    assertCachePriced(reply);
    assert.equal(reply.llmux.provider, 'vertex_ai');
    assert.deepEqual(reply.llmux.warnings, ['anthropic-beta: oauth-2025-04-20 dropped; Vertex AI refuses calls with flags it does not accept']);
  });

  it('streams streamRawPredict’s SSE bytes unchanged, with usage and cost at the end', async () => {
    const reply = asStream(await call(true));
    const ends = watchEnd(reply);
    const bytes = await readAll(reply);
    const sent = lastSent();
    assert.equal(sent.url, `/v1/projects/${PROJECT}/locations/us-east5/publishers/anthropic/models/${MODEL}:streamRawPredict`);
    assertBodyUnchanged(sent, true);
    assert.equal((sent.json as { stream?: unknown }).stream, true);
    assert.ok(bytes.equals(Buffer.concat(sent.sent)));
    assertCachePriced(reply);
    assert.deepEqual(ends.calls, [[CACHE_USAGE, undefined]]);
  });

  itTypesErrorReplies(
    [
      { label: '400 invalid_request_error', reply: anthropicErrorReply(400, 'invalid_request_error', 'max_tokens: too large'), errorClass: BadRequestError },
      { label: '401 from Google', reply: { error: { status: 401, body: unauthenticatedBody() } }, errorClass: AuthenticationError },
      { label: '429 rate_limit_error with retry-after', reply: anthropicErrorReply(429, 'rate_limit_error', 'Slow down', { 'retry-after': '4' }), errorClass: RateLimitError },
      { label: '529 overloaded_error', reply: anthropicErrorReply(529, 'overloaded_error', 'Overloaded'), errorClass: ServiceUnavailableError },
    ],
    { answer: (reply) => (vertex.reply = reply), call, provider: 'vertex_ai' },
  );

  it('rejects the call when the overloaded event comes before any content', async () => {
    vertex.reply = { ...CACHE_REPLY, failAfterChunks: 0 };
    await assert.rejects(call(true), (error: unknown) => error instanceof ServiceUnavailableError && error.code === 'overloaded_error');
  });

  it('throws from the iterator and onEnd when the connection drops mid-stream', async () => {
    vertex.reply = { ...CACHE_REPLY, dropAfterChunks: 2 };
    const { bytes, error } = await readFailingStream(asStream(await call(true)));
    assert.ok(error instanceof APIConnectionError);
    assert.ok(bytes.equals(Buffer.concat(lastSent().sent)), 'every byte before the cut was passed on');
  });
});
