// Proves the fake SageMaker Runtime is faithful: the official
// @aws-sdk/client-sagemaker-runtime signs for it, reads its InvokeEndpoint answers and its
// PayloadPart event streams (checking every CRC) for messages and TGI generate bodies, and
// gets AWS's refusals and errors.

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { InvokeEndpointCommand, InvokeEndpointWithResponseStreamCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import type { FakeChatReply } from './fake-chat-reply.js';
import { startFakeSageMakerUpstream } from './fake-sagemaker-upstream.js';
import type { FakeServer, RecordedRequest } from './start-fake-server.js';

const REGION = 'ap-southeast-2';
const CREDENTIALS = { accessKeyId: 'AKIAFAKESAGEMAKER001', secretAccessKey: 'fake-sagemaker-secret-00000000000000000' };
const ENDPOINT = 'my-tgi-endpoint';

const REPLIES: Record<string, FakeChatReply> = {
  broken: { content: 'one two three', failAfterChunks: 1 },
};

function lastText(request: RecordedRequest): string {
  const { messages = [], inputs } = request.json as { messages?: Array<{ content?: unknown }>; inputs?: unknown };
  if (typeof inputs === 'string') return inputs;
  const content = messages.at(-1)?.content;
  return typeof content === 'string' ? content : '';
}

function body(text: string, stream = false): Uint8Array {
  return Buffer.from(JSON.stringify({ messages: [{ role: 'user', content: text }], stream, max_tokens: 20 }));
}

describe('fake SageMaker upstream, driven by @aws-sdk/client-sagemaker-runtime', () => {
  let fake: FakeServer;
  let client: SageMakerRuntimeClient;

  before(async () => {
    fake = await startFakeSageMakerUpstream({
      ...CREDENTIALS,
      region: REGION,
      endpoints: [ENDPOINT],
      reply: (request) => REPLIES[lastText(request)] ?? { content: 'Deep learning is a subset of ML.' },
    });
    client = new SageMakerRuntimeClient({ region: REGION, endpoint: fake.url, credentials: CREDENTIALS, maxAttempts: 1 });
  });
  after(async () => {
    client.destroy();
    await fake.close();
  });

  it('answers InvokeEndpoint with the container chat.completion', async () => {
    const output = await client.send(
      new InvokeEndpointCommand({ EndpointName: ENDPOINT, ContentType: 'application/json', Accept: 'application/json', Body: body('What is deep learning?') }),
    );
    const completion = JSON.parse(Buffer.from(output.Body ?? new Uint8Array()).toString('utf8')) as { object: string; choices: Array<{ message: { content: string } }> };
    assert.equal(completion.object, 'chat.completion');
    assert.equal(completion.choices[0]?.message.content, 'Deep learning is a subset of ML.');
    assert.equal(output.InvokedProductionVariant, 'AllTraffic');
    assert.equal(fake.requests.at(-1)?.url, `/endpoints/${ENDPOINT}/invocations`);
    assert.match(fake.requests.at(-1)?.headers.authorization ?? '', /\/ap-southeast-2\/sagemaker\/aws4_request/);
  });

  it('streams PayloadParts whose bytes concatenate to the container SSE stream', async () => {
    const output = await client.send(new InvokeEndpointWithResponseStreamCommand({ EndpointName: ENDPOINT, ContentType: 'application/json', Body: body('hi', true) }));
    let text = '';
    let parts = 0;
    for await (const event of output.Body ?? []) {
      parts += 1;
      text += Buffer.from(event.PayloadPart?.Bytes ?? new Uint8Array()).toString('utf8');
    }
    assert.ok(parts > 5);
    assert.ok(text.endsWith('data: [DONE]\n\n'));
    const contents = text
      .split('\n\n')
      .filter((event) => event.startsWith('data: {'))
      .map((event) => (JSON.parse(event.slice(6)) as { choices: Array<{ delta: { content?: string } }> }).choices[0]?.delta.content ?? '');
    assert.equal(contents.join(''), 'Deep learning is a subset of ML.');
  });

  it('answers a TGI generate body with [{generated_text, details}], details only when asked', async () => {
    const generate = (parameters: Record<string, unknown>) =>
      client.send(
        new InvokeEndpointCommand({ EndpointName: ENDPOINT, ContentType: 'application/json', Body: Buffer.from(JSON.stringify({ inputs: '[INST] hi [/INST]', parameters })) }),
      );
    const withDetails = JSON.parse(Buffer.from((await generate({ max_new_tokens: 20, details: true })).Body ?? new Uint8Array()).toString('utf8')) as Array<{
      generated_text: string;
      details: { finish_reason: string; generated_tokens: number };
    }>;
    assert.equal(withDetails[0]?.generated_text, 'Deep learning is a subset of ML.');
    assert.equal(withDetails[0]?.details.finish_reason, 'eos_token');
    assert.equal(withDetails[0]?.details.generated_tokens, 7);
    const bare = JSON.parse(Buffer.from((await generate({})).Body ?? new Uint8Array()).toString('utf8')) as unknown;
    assert.deepEqual(bare, [{ generated_text: 'Deep learning is a subset of ML.' }]);
  });

  it("streams a TGI generate body as TGI's token events, the last with the text and details", async () => {
    const output = await client.send(
      new InvokeEndpointWithResponseStreamCommand({
        EndpointName: ENDPOINT,
        ContentType: 'application/json',
        Body: Buffer.from(JSON.stringify({ inputs: 'hi', parameters: {}, stream: true })),
      }),
    );
    let text = '';
    for await (const event of output.Body ?? []) text += Buffer.from(event.PayloadPart?.Bytes ?? new Uint8Array()).toString('utf8');
    const events = text
      .split('\n\n')
      .filter((event) => event !== '')
      .map((event) => {
        assert.ok(event.startsWith('data:{'));
        return JSON.parse(event.slice('data:'.length)) as { token: { text: string; special: boolean }; generated_text: string | null; details: { finish_reason: string } | null };
      });
    assert.equal(
      events
        .filter((event) => !event.token.special)
        .map((event) => event.token.text)
        .join(''),
      'Deep learning is a subset of ML.',
    );
    const last = events.at(-1);
    assert.equal(last?.token.text, '</s>');
    assert.equal(last?.generated_text, 'Deep learning is a subset of ML.');
    assert.equal(last?.details?.finish_reason, 'eos_token');
    assert.ok(events.slice(0, -1).every((event) => event.details === null && event.generated_text === null));
  });

  it('sends ModelStreamError mid-stream, which the SDK raises', async () => {
    const output = await client.send(new InvokeEndpointWithResponseStreamCommand({ EndpointName: ENDPOINT, Body: body('broken', true) }));
    await assert.rejects(
      (async () => {
        for await (const _event of output.Body ?? []);
      })(),
      { name: 'ModelStreamError' },
    );
  });

  it('answers a container validation failure as ModelError with the original status', async () => {
    await assert.rejects(
      client.send(new InvokeEndpointCommand({ EndpointName: ENDPOINT, ContentType: 'application/json', Body: Buffer.from('{"prompt":"x"}') })),
      (error: unknown) => {
        assert.ok(error instanceof Error);
        assert.equal(error.name, 'ModelError');
        assert.equal((error as { OriginalStatusCode?: number }).OriginalStatusCode, 422);
        return true;
      },
    );
    await assert.rejects(client.send(new InvokeEndpointCommand({ EndpointName: 'missing', Body: body('x') })), { name: 'ValidationError' });
  });

  it('refuses a request signed with the wrong secret or for another service', async () => {
    const wrong = new SageMakerRuntimeClient({ region: REGION, endpoint: fake.url, credentials: { ...CREDENTIALS, secretAccessKey: 'nope' }, maxAttempts: 1 });
    await assert.rejects(wrong.send(new InvokeEndpointCommand({ EndpointName: ENDPOINT, Body: body('x') })), (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.equal(error.name, 'InvalidSignatureException');
      assert.equal((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode, 403);
      return true;
    });
    wrong.destroy();
  });
});
