// Passthrough to Claude on Bedrock through nativeCall(): the Messages body goes to
// InvokeModel (and its stream) without model/stream, with Bedrock's anthropic_version and the
// betas in `anthropic_beta`; the JSON reply's bytes come back as sent, and the event stream's
// chunks come back as Anthropic's SSE, each event's JSON byte for byte.

import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { startFakeBedrockUpstream, type FakeChatReply, type RecordedRequest } from '@llmux/fake-upstreams';
import { APIConnectionError, AuthenticationError, BadRequestError, RateLimitError, ServiceUnavailableError, nativeCall, speaksNatively } from '../index.js';
import { useFakeUpstream } from '../providers/__fixtures__/use-fake-upstream.js';
import {
  PLATFORM_BETAS,
  CACHE_REPLY,
  CLIENT_MODEL,
  CACHE_USAGE,
  CLIENT_HEADERS,
  PRICES,
  asStream,
  assertCachePriced,
  createRichBody,
  isTypedError,
  lastRequest,
  readAll,
  readFailingStream,
  watchEnd,
  without,
} from './__fixtures__/native-fixtures.js';
import { itTypesErrorReplies } from './__fixtures__/it-types-error-replies.js';

const REGION = 'us-east-1';
const ACCESS_KEY_ID = 'AKIAFAKENATIVE000001';
const SECRET = 'fake-native-secret-00000000000000000000';
const CLAUDE = 'us.anthropic.claude-sonnet-4-20250514-v1:0';
const ENCODED = 'us.anthropic.claude-sonnet-4-20250514-v1%3A0';
const codec = new EventStreamCodec(toUtf8, fromUtf8);

function awsError(status: number, type: string, message: string, headers: Record<string, string> = {}): FakeChatReply {
  return { error: { status, body: { message }, headers: { 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`, ...headers } } };
}

/** The Anthropic SSE a client should get for what the fake sent: each chunk's event, framed. */
function expectedSse(sent: RecordedRequest): string {
  const bytes = Buffer.concat(sent.sent);
  let sse = '';
  for (let offset = 0; offset < bytes.length;) {
    const length = bytes.readUInt32BE(offset);
    const message = codec.decode(bytes.subarray(offset, offset + length));
    offset += length;
    if (message.headers[':event-type']?.value !== 'chunk') continue;
    const payload = JSON.parse(toUtf8(message.body)) as { bytes: string };
    const event = Buffer.from(payload.bytes, 'base64').toString('utf8');
    sse += `event: ${(JSON.parse(event) as { type: string }).type}\ndata: ${event}\n\n`;
  }
  return sse;
}

describe('nativeCall to bedrock/… (Claude on InvokeModel)', () => {
  const upstream = useFakeUpstream(
    (reply) =>
      // Mid-stream failures are AWS's throttlingException frames (the fake's default).
      startFakeBedrockUpstream({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET, region: REGION, reply }),
    CACHE_REPLY,
  );
  const settings = (secret = SECRET) => ({
    aws_access_key_id: ACCESS_KEY_ID,
    aws_secret_access_key: secret,
    aws_region_name: REGION,
    aws_bedrock_runtime_endpoint: upstream.fake.url,
    ...PRICES,
  });
  const call = (stream: boolean, options: { model?: string; secret?: string } = {}) =>
    nativeCall(
      { model: `bedrock/${options.model ?? CLAUDE}`, ...settings(options.secret) },
      { dialect: 'anthropic-messages', body: createRichBody(stream), stream, headers: CLIENT_HEADERS },
    );
  const lastSent = () => lastRequest(upstream.fake);
  /** What arrived, minus the envelope; what the client sent, minus model and stream. */
  const assertBodyUnchanged = (sent: RecordedRequest, stream: boolean) => {
    const json = sent.json as Record<string, unknown>;
    assert.equal(json['anthropic_version'], 'bedrock-2023-05-31');
    assert.deepEqual(json['anthropic_beta'], PLATFORM_BETAS);
    assert.equal('model' in json, false);
    assert.equal('stream' in json, false);
    assert.deepEqual(without(json, ['anthropic_version', 'anthropic_beta']), without(createRichBody(stream), ['model', 'stream']));
  };

  it('speaks the Messages dialect for Claude ids on every route, not for other models', () => {
    assert.equal(speaksNatively(`bedrock/${CLAUDE}`, 'anthropic-messages'), true);
    assert.equal(speaksNatively(`bedrock/invoke/${CLAUDE}`, 'anthropic-messages'), true);
    assert.equal(speaksNatively(`bedrock/converse/${CLAUDE}`, 'anthropic-messages'), true);
    assert.equal(speaksNatively('bedrock/amazon.nova-pro-v1:0', 'anthropic-messages'), false);
    assert.equal(speaksNatively('bedrock/invoke/', 'anthropic-messages'), false);
    assert.equal(speaksNatively(`bedrock/${CLAUDE}`, 'openai-chat'), false);
  });

  it('sends the body to InvokeModel unchanged apart from the envelope, signed, without client auth', async () => {
    await call(false, { model: `invoke/${CLAUDE}` });
    const sent = lastSent();
    assert.equal(sent.url, `/model/${ENCODED}/invoke`);
    assertBodyUnchanged(sent, false);
    assert.match(sent.headers.authorization ?? '', /^AWS4-HMAC-SHA256 Credential=AKIAFAKENATIVE000001\//);
    assert.equal(sent.headers['x-api-key'], undefined);
    assert.equal(sent.headers['anthropic-beta'], undefined, 'betas travel in the body on Bedrock');
  });

  it('drops the betas Bedrock refuses, with a warning the caller sees', async () => {
    const reply = await call(false);
    assert.deepEqual(reply.llmux.warnings, ['anthropic-beta: oauth-2025-04-20 dropped; Bedrock refuses calls with flags it does not accept']);
  });

  it('returns the JSON reply bytes as sent, with cache-aware usage and its cost', async () => {
    const reply = await call(false);
    assert.equal(reply.kind, 'json');
    if (reply.kind !== 'json') return;
    assert.ok(reply.body.equals(Buffer.concat(lastSent().sent)));
    assert.equal(reply.headers['content-type'], 'application/json');
    assertCachePriced(reply);
    assert.equal(reply.llmux.provider, 'bedrock');
  });

  it('re-frames the event stream as Anthropic SSE, each event’s JSON as Bedrock sent it', async () => {
    const reply = asStream(await call(true));
    const ends = watchEnd(reply);
    const text = (await readAll(reply)).toString('utf8');
    const sent = lastSent();
    assert.equal(sent.url, `/model/${ENCODED}/invoke-with-response-stream`);
    assertBodyUnchanged(sent, true);
    assert.equal(reply.headers['content-type'], 'text/event-stream');
    assert.equal(text, expectedSse(sent));
    assert.match(text, /^event: message_start\ndata: \{"type":"message_start"/);
    assert.match(text, /event: message_stop\ndata: \{"type":"message_stop","amazon-bedrock-invocationMetrics":/);
    assertCachePriced(reply);
    assert.deepEqual(ends.calls, [[CACHE_USAGE, undefined]]);
  });

  itTypesErrorReplies(
    [
      { label: '400 ValidationException', reply: awsError(400, 'ValidationException', 'messages: too short'), errorClass: BadRequestError },
      { label: '429 ThrottlingException with retry-after', reply: awsError(429, 'ThrottlingException', 'Too many requests', { 'retry-after': '9' }), errorClass: RateLimitError },
      { label: '503 ServiceUnavailableException', reply: awsError(503, 'ServiceUnavailableException', 'Service is overloaded'), errorClass: ServiceUnavailableError },
    ],
    { answer: (reply) => (upstream.reply = reply), call, provider: 'bedrock' },
  );

  it('turns a request refused for its signature into AuthenticationError, without the secret', async () => {
    await assert.rejects(call(false, { secret: 'wrong-secret-0000000000000000000000000000' }), (error: unknown) => {
      assert.ok(isTypedError(error, AuthenticationError, 'bedrock') && error instanceof Error);
      assert.doesNotMatch(error.message, /wrong-secret/);
      return true;
    });
  });

  it('rejects the call when an exception frame comes before any content', async () => {
    upstream.reply = { ...CACHE_REPLY, failAfterChunks: 0 };
    await assert.rejects(call(true), RateLimitError);
  });

  it('throws a mid-stream exception frame from the iterator, after the bytes before it', async () => {
    upstream.reply = { ...CACHE_REPLY, failAfterChunks: 3 };
    const reply = asStream(await call(true));
    const { bytes, error } = await readFailingStream(reply);
    assert.ok(error instanceof RateLimitError);
    assert.equal(bytes.toString('utf8'), expectedSse(lastSent()));
    assert.equal(reply.usage?.prompt_tokens, 1200);
  });

  it('throws when the stream ends cleanly but short of message_stop', async () => {
    upstream.reply = { ...CACHE_REPLY, dropAfterChunks: 3 };
    const { bytes, error } = await readFailingStream(asStream(await call(true)));
    assert.ok(error instanceof APIConnectionError && /before message_stop/.test(error.message));
    assert.equal(bytes.toString('utf8'), expectedSse(lastSent()), 'every event before the cut was passed on');
  });

  describe('read by the official @anthropic-ai/sdk', () => {
    let server: Server;
    let client: Anthropic;

    // A minimal front door: what a gateway does with a native reply (status, headers, bytes).
    before(async () => {
      server = createServer((incoming, outgoing) => {
        const parts: Buffer[] = [];
        incoming.on('data', (part: Buffer) => parts.push(part));
        incoming.on('end', () => {
          const body = JSON.parse(Buffer.concat(parts).toString('utf8')) as Record<string, unknown>;
          const stream = body['stream'] === true;
          nativeCall({ model: `bedrock/${CLAUDE}`, ...settings() }, { dialect: 'anthropic-messages', body, stream, headers: {} }).then(
            async (reply) => {
              outgoing.writeHead(reply.status, reply.headers);
              if (reply.kind === 'stream') for await (const chunk of reply) outgoing.write(chunk);
              outgoing.end(reply.kind === 'json' ? reply.body : undefined);
            },
            (error: unknown) => {
              outgoing.writeHead(500).end(String(error));
            },
          );
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      client = new Anthropic({ apiKey: 'client-key', baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, maxRetries: 0 });
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('parses the passed-through message', async () => {
      const message = await client.messages.create({
        model: CLIENT_MODEL,
        max_tokens: 2048,
        messages: [{ role: 'user', content: 'Hello' }],
        // Anthropic's floor for a thinking budget (the fake refuses less, as Bedrock does).
        thinking: { type: 'enabled', budget_tokens: 1024 },
      });
      assert.deepEqual(
        message.content.map((block) => block.type),
        ['thinking', 'text'],
      );
      assert.equal(message.usage.cache_read_input_tokens, 900);
    });

    it('assembles the re-framed stream into the same message', async () => {
      const stream = client.messages.stream({
        model: CLIENT_MODEL,
        max_tokens: 2048,
        messages: [{ role: 'user', content: 'Hello' }],
        // Anthropic's floor for a thinking budget (the fake refuses less, as Bedrock does).
        thinking: { type: 'enabled', budget_tokens: 1024 },
      });
      const message = await stream.finalMessage();
      assert.deepEqual(
        message.content.map((block) => block.type),
        ['thinking', 'text'],
      );
      const text = message.content.find((block) => block.type === 'text');
      assert.equal(text?.type === 'text' ? text.text : undefined, CACHE_REPLY.content);
      assert.equal(message.usage.cache_read_input_tokens, 900);
      assert.equal(message.usage.cache_creation_input_tokens, 200);
      assert.equal(message.usage.output_tokens, 40);
    });
  });
});
