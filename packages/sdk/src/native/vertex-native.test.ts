// Passthrough to Claude on Vertex AI through nativeCall(): the Messages body goes to
// `:rawPredict` / `:streamRawPredict` without model and with Vertex's anthropic_version,
// authorised by a Google token; anthropic-beta goes as a header; the reply's bytes (JSON
// and SSE) come back as sent, with usage and cost read from them.

import { strict as assert } from 'node:assert';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  startFakeGoogleTokenServer,
  startFakeVertexUpstream,
  unauthenticatedBody,
  type FakeGoogleTokenServer,
  type FakeServer,
  type FakeServiceAccount,
  type FakeChatReply,
  type RecordedRequest,
} from '@llmux/fake-upstreams';
import { APIConnectionError, AuthenticationError, BadRequestError, HttpClient, RateLimitError, ServiceUnavailableError, nativeCall, speaksNatively } from '../index.js';
import {
  PLATFORM_BETAS,
  CACHE_REPLY,
  CACHE_USAGE,
  CLIENT_HEADERS,
  EXPECTED_COST,
  PRICES,
  anthropicErrorReply,
  asStream,
  createRichBody,
  isTypedError,
  readAll,
  readUntilError,
  watchEnd,
  without,
} from './__fixtures__/native-fixtures.js';

const PROJECT = 'llmux-native-project';
const MODEL = 'claude-sonnet-4@20250514';

describe('nativeCall to vertex_ai/claude-… (rawPredict)', () => {
  let tokenServer: FakeGoogleTokenServer;
  let vertex: FakeServer;
  let http: HttpClient;
  let account: FakeServiceAccount;
  let next: FakeChatReply | undefined;
  const call = (stream: boolean) =>
    nativeCall(
      {
        model: `vertex_ai/${MODEL}`,
        api_base: vertex.url,
        vertex_project: PROJECT,
        vertex_location: 'us-east5',
        vertex_credentials: JSON.stringify(account.keyFile),
        http_client: http,
        ...PRICES,
      },
      { dialect: 'anthropic-messages', body: createRichBody(stream), stream, headers: CLIENT_HEADERS },
    );
  const lastSent = () => {
    const sent = vertex.requests.at(-1);
    assert.ok(sent !== undefined, 'the fake received the call');
    return sent;
  };
  const assertBodyUnchanged = (sent: RecordedRequest, stream: boolean) => {
    const json = sent.json as Record<string, unknown>;
    assert.equal(json['anthropic_version'], 'vertex-2023-10-16');
    assert.equal('model' in json, false);
    assert.deepEqual(without(json, ['anthropic_version']), without(createRichBody(stream), ['model']));
    assert.equal(sent.headers['anthropic-beta'], PLATFORM_BETAS.join(','));
    assert.equal(sent.headers.authorization, `Bearer ${tokenServer.issued.at(-1)}`);
    assert.equal(sent.headers['x-api-key'], undefined);
    assert.equal(sent.headers.cookie, undefined);
  };

  before(async () => {
    tokenServer = await startFakeGoogleTokenServer();
    vertex = await startFakeVertexUpstream({ tokens: tokenServer.issued, project: PROJECT, reply: () => next ?? CACHE_REPLY });
    http = new HttpClient();
    account = tokenServer.createServiceAccount();
  });
  after(async () => {
    await http.close();
    await vertex.close();
    await tokenServer.close();
  });
  beforeEach(() => {
    next = undefined;
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
    assert.deepEqual(reply.usage, CACHE_USAGE);
    assert.ok(Math.abs((reply.llmux.cost ?? 0) - EXPECTED_COST) < 1e-12, `cost ${reply.llmux.cost}`);
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
    assert.deepEqual(reply.usage, CACHE_USAGE);
    assert.ok(Math.abs((reply.llmux.cost ?? 0) - EXPECTED_COST) < 1e-12);
    assert.deepEqual(ends.calls, [[CACHE_USAGE, undefined]]);
  });

  for (const [label, reply, ErrorClass, retryAfter] of [
    ['400 invalid_request_error', anthropicErrorReply(400, 'invalid_request_error', 'max_tokens: too large'), BadRequestError, undefined],
    ['401 from Google', { error: { status: 401, body: unauthenticatedBody() } }, AuthenticationError, undefined],
    ['429 rate_limit_error with retry-after', anthropicErrorReply(429, 'rate_limit_error', 'Slow down', { 'retry-after': '4' }), RateLimitError, 4],
    ['529 overloaded_error', anthropicErrorReply(529, 'overloaded_error', 'Overloaded'), ServiceUnavailableError, undefined],
  ] as const) {
    for (const stream of [false, true]) {
      it(`turns a ${label} into ${ErrorClass.name}${stream ? ' (stream)' : ''}`, async () => {
        next = reply;
        await assert.rejects(call(stream), (error: unknown) => isTypedError(error, ErrorClass, 'vertex_ai', retryAfter));
      });
    }
  }

  it('rejects the call when the overloaded event comes before any content', async () => {
    next = { ...CACHE_REPLY, failAfterChunks: 0 };
    await assert.rejects(call(true), (error: unknown) => error instanceof ServiceUnavailableError && error.code === 'overloaded_error');
  });

  it('throws from the iterator and onEnd when the connection drops mid-stream', async () => {
    next = { ...CACHE_REPLY, dropAfterChunks: 2 };
    const reply = asStream(await call(true));
    const ends = watchEnd(reply);
    const { bytes, error } = await readUntilError(reply);
    assert.ok(error instanceof APIConnectionError);
    assert.deepEqual(ends.calls, [[reply.usage, error]]);
    assert.ok(bytes.equals(Buffer.concat(lastSent().sent)), 'every byte before the cut was passed on');
  });
});
