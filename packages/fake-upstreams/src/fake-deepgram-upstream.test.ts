// The fake Deepgram API must be faithful: Deepgram's official @deepgram/sdk sends a file to
// /v1/listen here and reads the reply; a wrong key comes back as the SDK's error.

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { DeepgramClient } from '@deepgram/sdk';
import { startFakeDeepgramUpstream } from './fake-deepgram-upstream.js';
import type { FakeServer } from './start-fake-server.js';

describe('fake Deepgram upstream, driven by @deepgram/sdk', () => {
  let fake: FakeServer;

  before(async () => {
    fake = await startFakeDeepgramUpstream({ apiKey: 'dg-secret' });
  });
  after(() => fake.close());

  it('listen.v1.media.transcribeFile: the raw audio in, a transcript out', async () => {
    const client = new DeepgramClient({ apiKey: 'dg-secret', baseUrl: fake.url });
    const audio = Buffer.from('RIFF fake wav bytes');
    const reply = await client.listen.v1.media.transcribeFile(audio, { model: 'nova-3', language: 'en', smart_format: true });
    assert.ok('results' in reply);
    assert.equal(reply.results.channels[0]?.alternatives?.[0]?.transcript, `deepgram nova-3 heard ${audio.length} bytes of application/octet-stream`);
    const sent = fake.requests.at(-1);
    assert.equal(sent?.headers.authorization, 'Token dg-secret');
    assert.deepEqual(sent?.body, audio);
    assert.match(sent?.url ?? '', /^\/v1\/listen\?.*model=nova-3/);
  });

  it('refuses a wrong key with 401', async () => {
    const client = new DeepgramClient({ apiKey: 'wrong', baseUrl: fake.url });
    await assert.rejects(
      client.listen.v1.media.transcribeFile(Buffer.from('x'), { model: 'nova-3' }),
      (error: unknown) => error instanceof Error && /401|Invalid credentials/.test(`${String((error as { statusCode?: number }).statusCode)} ${error.message}`),
    );
  });
});
