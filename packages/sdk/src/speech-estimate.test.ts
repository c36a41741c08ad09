// speech() on a token-priced model settles by llmux's estimate when the upstream's counts never
// come: Azure, which reports none, and a stream the caller destroys mid-audio. The text is
// counted with tokenCounter(); the audio out is the bytes handed on, as seconds at the format's
// rate (mp3 16,000 bytes a second) × 1,250 audio tokens a minute (gpt-4o-mini-tts).

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { FAKE_SPEECH_CHUNK_BYTES, FAKE_SPEECH_CHUNKS, startFakeOpenAIMediaUpstream, type FakeServer } from '@llmux/fake-upstreams';
import { speech, tokenCounter } from './index.js';

const MINI_TTS = { textInput: 0.6e-6, audioOutput: 12e-6 };
const audioTokens = (bytes: number): number => Math.ceil((bytes / 16_000) * (1_250 / 60));

describe('speech() estimates what the upstream did not count', () => {
  let upstream: FakeServer;

  // Pauses between chunks: the destroyed stream cannot have read ahead to the end.
  before(async () => {
    upstream = await startFakeOpenAIMediaUpstream({ apiKey: 'sk-sdk', azureApiKey: 'azure-sdk', speechPauseMs: 50 });
  });
  after(() => upstream.close());

  it('Azure gpt-4o-mini-tts: the whole audio estimated, and said to be', async () => {
    const input = 'hello from Azure';
    const result = await speech({ model: 'azure/gpt-4o-mini-tts', voice: 'alloy', input, api_base: upstream.url, api_key: 'azure-sdk', api_version: '2025-04-01-preview' });
    let bytes = 0;
    for await (const chunk of result.audio) bytes += (chunk as Buffer).length;
    assert.equal(bytes, FAKE_SPEECH_CHUNKS * FAKE_SPEECH_CHUNK_BYTES);
    const settled = result.settle();
    const usage = { input_tokens: tokenCounter({ model: 'gpt-4o-mini-tts', text: input }), output_tokens: audioTokens(bytes) };
    assert.deepEqual(settled, { usage, cost: usage.input_tokens * MINI_TTS.textInput + usage.output_tokens * MINI_TTS.audioOutput, estimated: true });
    assert.equal(result.llmux.cost, settled.cost);
  });

  it('OpenAI gpt-4o-mini-tts destroyed after its first audio: estimated from the bytes handed on', async () => {
    const input = 'hello, and then silence';
    const result = await speech({ model: 'openai/gpt-4o-mini-tts', voice: 'alloy', input, instructions: 'whisper', api_base: `${upstream.url}/v1`, api_key: 'sk-sdk' });
    for await (const chunk of result.audio) {
      assert.equal((chunk as Buffer).length, FAKE_SPEECH_CHUNK_BYTES);
      break;
    }
    const settled = result.settle();
    assert.equal(settled.estimated, true);
    // Instructions are text in too.
    assert.equal(settled.usage?.input_tokens, tokenCounter({ model: 'gpt-4o-mini-tts', text: [input, 'whisper'] }));
    const outputTokens = settled.usage?.output_tokens ?? 0;
    assert.ok(outputTokens >= audioTokens(FAKE_SPEECH_CHUNK_BYTES) && outputTokens < audioTokens(FAKE_SPEECH_CHUNKS * FAKE_SPEECH_CHUNK_BYTES), `output tokens ${outputTokens}`);
  });
});
