// The SDK's media functions against the fake OpenAI media upstream: transcription() reads the
// duration from the WAV itself (music-metadata), and the Router retries and falls back for
// media calls as for chat, through Router.call with the exported attempts.

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { startFakeOpenAIMediaUpstream, type FakeServer } from '@llmux/fake-upstreams';
import { createPcmWavHeader } from './create-pcm-wav-header.js';
import { imageGeneration, Router, speech, transcription, transcriptionAttempt } from './index.js';

/** A mono 16-bit PCM WAV of silence: a 44-byte header stating its length, then zeros. */
function silentWav(seconds: number, rate = 8000): Buffer {
  const data = rate * 2 * seconds;
  return Buffer.concat([createPcmWavHeader(rate, data), Buffer.alloc(data)]);
}

describe('SDK media functions', () => {
  let fake: FakeServer;
  const file = { data: silentWav(3), filename: 'quiet.wav', contentType: 'audio/wav' };

  before(async () => {
    fake = await startFakeOpenAIMediaUpstream({ apiKey: 'sk-sdk' });
  });
  after(() => fake.close());

  it('transcription(): the text, and a cost from the 3 s the file holds', async () => {
    const result = await transcription({ model: 'openai/whisper-1', file, api_base: `${fake.url}/v1`, api_key: 'sk-sdk' });
    assert.equal(result.text, `Transcription of quiet.wav (${file.data.length} bytes)`);
    assert.ok(Math.abs((result.llmux.cost ?? 0) - 3 * (0.006 / 60)) < 1e-12, `cost ${result.llmux.cost}`);
    const priced = await transcription({ model: 'openai/whisper-1', file, api_base: `${fake.url}/v1`, api_key: 'sk-sdk', input_cost_per_second: 0.01 });
    assert.ok(Math.abs((priced.llmux.cost ?? 0) - 0.03) < 1e-12, 'input_cost_per_second overrides the table');
  });

  it('imageGeneration() and speech(): the reply and the cost', async () => {
    const images = await imageGeneration({ model: 'openai/dall-e-3', prompt: 'x', quality: 'hd', api_base: `${fake.url}/v1`, api_key: 'sk-sdk' });
    assert.equal(images.data.length, 1);
    assert.equal(images.llmux.cost, 0.08);
    const spoken = await speech({ model: 'openai/tts-1', voice: 'alloy', input: 'four', api_base: `${fake.url}/v1`, api_key: 'sk-sdk' });
    const chunks: Buffer[] = [];
    for await (const chunk of spoken.audio) chunks.push(chunk as Buffer);
    assert.equal(Buffer.concat(chunks).length, 4 * 4096);
    assert.equal(spoken.contentType, 'audio/mpeg');
    assert.ok(Math.abs((spoken.llmux.cost ?? 0) - 4 * 15e-6) < 1e-15);
  });

  it('a Router falls back from a group whose upstream refuses the key', async () => {
    const router = new Router({
      modelList: [
        { model_name: 'stt', litellm_params: { model: 'openai/whisper-1', api_base: `${fake.url}/v1`, api_key: 'sk-wrong' } },
        { model_name: 'stt-backup', litellm_params: { model: 'openai/whisper-1', api_base: `${fake.url}/v1`, api_key: 'sk-sdk' } },
      ],
    });
    await assert.rejects(router.call({ model: 'stt', file }, transcriptionAttempt), (error: unknown) => error instanceof Error && error.name === 'UpstreamCredentialError');
    const result = await router.call({ model: 'stt', file, fallbacks: ['stt-backup'] }, transcriptionAttempt);
    assert.equal(result.llmux.modelGroup, 'stt-backup');
    assert.equal(result.llmux.attemptedFallbacks, 1);
  });
});
