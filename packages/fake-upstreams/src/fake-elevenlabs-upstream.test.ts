// The fake ElevenLabs API must be faithful: ElevenLabs' official @elevenlabs/elevenlabs-js
// streams speech from it here and reads its errors.

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { ElevenLabsClient } from '@elevenlabs/elevenlabs-js';
import { fakeSpeechBytes } from './fake-openai-audio.js';
import { startFakeElevenLabsUpstream } from './fake-elevenlabs-upstream.js';
import type { FakeServer } from './start-fake-server.js';

describe('fake ElevenLabs upstream, driven by @elevenlabs/elevenlabs-js', () => {
  let fake: FakeServer;

  before(async () => {
    fake = await startFakeElevenLabsUpstream({ apiKey: 'el-secret', pauseMs: 1 });
  });
  after(() => fake.close());

  it('textToSpeech.stream: the audio chunks, with the voice and output format sent as the API takes them', async () => {
    const client = new ElevenLabsClient({ apiKey: 'el-secret', baseUrl: fake.url, maxRetries: 0 });
    const stream = await client.textToSpeech.stream('voice-123', { text: 'Hello there', modelId: 'eleven_multilingual_v2', outputFormat: 'mp3_44100_128' });
    const chunks: Buffer[] = [];
    const reader = stream.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(Buffer.from(read.value));
    assert.deepEqual(Buffer.concat(chunks), Buffer.concat(fakeSpeechBytes('Hello there')));
    const sent = fake.requests.at(-1);
    assert.equal(sent?.url, '/v1/text-to-speech/voice-123/stream?output_format=mp3_44100_128');
    assert.equal(sent?.headers['xi-api-key'], 'el-secret');
    assert.deepEqual(sent?.json, { text: 'Hello there', model_id: 'eleven_multilingual_v2' });
  });

  it('refuses a wrong key with 401', async () => {
    const client = new ElevenLabsClient({ apiKey: 'wrong', baseUrl: fake.url, maxRetries: 0 });
    await assert.rejects(client.textToSpeech.stream('voice-123', { text: 'x' }), (error: unknown) => (error as { statusCode?: number }).statusCode === 401);
  });
});
