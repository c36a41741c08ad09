// No free speech (issue #20, after token-priced TTS): a text-to-speech stream the client
// leaves mid-audio is billed, through the gateway with the official openai client. Token-priced
// models (gpt-4o-mini-tts, Gemini TTS) cut before the upstream's usage are billed by llmux's
// estimate: the input counted with the SDK tokenizer, the audio out from the bytes delivered
// (seconds at the format's byte rate × the model's audio tokens a second). Azure, which reports
// no usage, is billed by the same estimate, marked usage_counted. Per-character models owe their
// characters once sent. A stream the upstream cuts is billed the same way. A complete OpenAI call
// is still billed from the upstream's own counts.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  FAKE_SPEECH_CHUNK_BYTES,
  FAKE_SPEECH_CHUNKS,
  FAKE_SPEECH_CUT_AFTER,
  FAKE_SPEECH_CUT_MARKER,
  fakeGeminiSpeechPcm,
  startFakeElevenLabsUpstream,
  startFakeGeminiMediaUpstream,
  type FakeServer,
} from '@llmux/fake-upstreams';
import { tokenCounter } from 'llmux';
import OpenAI from 'openai';
import { MEDIA_UPSTREAM_KEY, startMediaGateway, type MediaGateway } from './helpers/media-gateway.js';
import { startTestGateway } from './helpers/start-test-gateway.js';
import type { SpendRow } from './helpers/wait-for-spend-rows.js';

// The published prices and rates (sdk/src/cost/media-prices.ts), USD per token.
const MINI_TTS = { textInput: 0.6e-6, audioOutput: 12e-6, tokensPerSecond: 1_250 / 60 };
const GEMINI_FLASH_TTS = { textInput: 0.5e-6, audioOutput: 10e-6, tokensPerSecond: 32 };
const TTS_1_PER_CHARACTER = 15e-6;
const ELEVEN_MULTILINGUAL_PER_CHARACTER = 0.1 / 1000;
// The estimate's byte rates (sdk/src/estimate-speech-usage.ts): mp3 at 128 kbps, PCM 24 kHz 16-bit mono.
const MP3_BYTES_PER_SECOND = 16_000;
const PCM_BYTES_PER_SECOND = 48_000;

/** The audio tokens llmux estimates for `bytes` of audio. */
const audioTokens = (bytes: number, bytesPerSecond: number, tokensPerSecond: number): number => Math.ceil((bytes / bytesPerSecond) * tokensPerSecond);

const near = (actual: number | undefined, expected: number, what: string): void =>
  assert.ok(Math.abs((actual ?? Number.NaN) - expected) < 1e-12, `${what}: ${actual}, expected ${expected}`);

/** Starts a speech call, reads its first piece of audio, then hangs up. */
async function readThenHangUp(client: OpenAI, body: OpenAI.Audio.SpeechCreateParams): Promise<void> {
  const controller = new AbortController();
  const response = await client.audio.speech.create(body, { signal: controller.signal });
  assert.equal(response.status, 200);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const first = await reader.read();
  assert.ok((first.value?.length ?? 0) > 0, 'some audio before the hang-up');
  controller.abort();
  await reader.cancel().catch(() => undefined);
}

/** The row of a cut call: a failure that says how it ended, billed. */
function assertCutRow(row: SpendRow | undefined, usageCounted: boolean): asserts row is SpendRow {
  assert.ok(row !== undefined, 'a spend row');
  assert.equal(row.metadata?.['call_type'], 'aspeech');
  assert.equal(row.metadata?.['call_end'], 'client_disconnected');
  assert.equal(row.metadata?.['usage_counted'], usageCounted);
  assert.equal(row.status, 'failure');
  assert.ok((row.spend ?? 0) > 0, `spend ${row.spend}`);
}

/**
 * Chunks delivered before the hang-up, read back from the estimated audio tokens: at least the
 * one the client read, and fewer than all (the rest never came, so no usage came either).
 */
function chunksDelivered(completionTokens: number | undefined, chunkBytes: number, chunks: number, bytesPerSecond: number, tokensPerSecond: number): number {
  for (let delivered = 1; delivered < chunks; delivered += 1) {
    if (audioTokens(delivered * chunkBytes, bytesPerSecond, tokensPerSecond) === completionTokens) return delivered;
  }
  assert.fail(`completion tokens ${completionTokens} match no count of whole chunks delivered below ${chunks}`);
}

describe('speech cut short is billed', () => {
  let gemini: FakeServer;
  let elevenlabs: FakeServer;
  let world: MediaGateway;

  before(async () => {
    // Pauses between the fakes' chunks leave the hang-up time to land before the audio ends.
    gemini = await startFakeGeminiMediaUpstream({ apiKey: 'gemini-key', speechPauseMs: 250 });
    elevenlabs = await startFakeElevenLabsUpstream({ apiKey: 'el-key', pauseMs: 250 });
    world = await startMediaGateway(
      { 'mini-tts': 'gpt-4o-mini-tts', tts: 'tts-1' },
      {
        speechPauseMs: 250,
        more: () => [
          { model_name: 'gemini-tts', litellm_params: { model: 'gemini/gemini-2.5-flash-preview-tts', api_base: gemini.url, api_key: 'gemini-key' } },
          { model_name: 'eleven', litellm_params: { model: 'elevenlabs/eleven_multilingual_v2', api_base: elevenlabs.url, api_key: 'el-key' } },
        ],
        upstreams: [gemini, elevenlabs],
      },
    );
  });
  after(() => world.close());

  it('gpt-4o-mini-tts left mid-audio: text tokens counted, audio tokens from the mp3 bytes delivered', async () => {
    const key = await world.newKey();
    const input = 'A long announcement that the listener will not wait to hear the end of.';
    await readThenHangUp(world.client(key), { model: 'mini-tts', voice: 'alloy', input });
    assert.deepEqual(world.upstream.requests.at(-1)?.json, { model: 'gpt-4o-mini-tts', input, voice: 'alloy', stream_format: 'sse' });
    const [row] = await world.spendRows(key, 1);
    assertCutRow(row, true);
    const promptTokens = tokenCounter({ model: 'gpt-4o-mini-tts', text: input });
    assert.equal(row.prompt_tokens, promptTokens);
    const delivered = chunksDelivered(row.completion_tokens, FAKE_SPEECH_CHUNK_BYTES, FAKE_SPEECH_CHUNKS, MP3_BYTES_PER_SECOND, MINI_TTS.tokensPerSecond);
    const completionTokens = audioTokens(delivered * FAKE_SPEECH_CHUNK_BYTES, MP3_BYTES_PER_SECOND, MINI_TTS.tokensPerSecond);
    near(row.spend, promptTokens * MINI_TTS.textInput + completionTokens * MINI_TTS.audioOutput, 'estimated cost');
  });

  it('Gemini TTS left mid-audio: text tokens counted, audio tokens from the PCM seconds delivered (32 a second)', async () => {
    const key = await world.newKey();
    const input = 'Say slowly: the tide comes in, the tide goes out.';
    await readThenHangUp(world.client(key), { model: 'gemini-tts', voice: 'Kore', input, response_format: 'pcm' });
    const [row] = await world.spendRows(key, 1);
    assertCutRow(row, true);
    const promptTokens = tokenCounter({ model: 'gemini-2.5-flash-preview-tts', text: input });
    assert.equal(row.prompt_tokens, promptTokens);
    const pcm = fakeGeminiSpeechPcm();
    const chunkBytes = pcm[0]?.length ?? 0;
    const delivered = chunksDelivered(row.completion_tokens, chunkBytes, pcm.length, PCM_BYTES_PER_SECOND, GEMINI_FLASH_TTS.tokensPerSecond);
    const completionTokens = audioTokens(delivered * chunkBytes, PCM_BYTES_PER_SECOND, GEMINI_FLASH_TTS.tokensPerSecond);
    near(row.spend, promptTokens * GEMINI_FLASH_TTS.textInput + completionTokens * GEMINI_FLASH_TTS.audioOutput, 'estimated cost');
  });

  for (const [group, format, bytesPerSecond] of [
    ['mini-tts', 'mp3', MP3_BYTES_PER_SECOND],
    ['azure-mini-tts', 'pcm', PCM_BYTES_PER_SECOND],
  ] as const) {
    it(`${group} cut by the upstream after ${FAKE_SPEECH_CUT_AFTER} chunks: the ${format} delivered estimated, the row an upstream_cut`, async () => {
      const key = await world.newKey();
      const input = `Half a sentence ${FAKE_SPEECH_CUT_MARKER}`;
      const response = await world.client(key).audio.speech.create({ model: group, voice: 'alloy', input, response_format: format });
      // After the 200 the cut can only show as a broken body.
      await assert.rejects(response.arrayBuffer());
      const [row] = await world.spendRows(key, 1);
      assert.ok(row !== undefined, 'a spend row');
      assert.equal(row.metadata?.['call_end'], 'upstream_cut');
      assert.equal(row.metadata?.['usage_counted'], true);
      assert.equal(row.status, 'failure');
      const promptTokens = tokenCounter({ model: 'gpt-4o-mini-tts', text: input });
      const completionTokens = audioTokens(FAKE_SPEECH_CUT_AFTER * FAKE_SPEECH_CHUNK_BYTES, bytesPerSecond, MINI_TTS.tokensPerSecond);
      assert.equal(row.prompt_tokens, promptTokens);
      assert.equal(row.completion_tokens, completionTokens);
      near(row.spend, promptTokens * MINI_TTS.textInput + completionTokens * MINI_TTS.audioOutput, 'estimated cost');
    });
  }

  it('gpt-4o-mini-tts at gateway shutdown: the connection cut, the audio delivered billed by the estimate, the call end "shutdown"', async () => {
    const own = await startTestGateway({
      model_list: [{ model_name: 'mini-tts', litellm_params: { model: 'openai/gpt-4o-mini-tts', api_base: `${world.upstream.url}/v1`, api_key: MEDIA_UPSTREAM_KEY } }],
    });
    const input = 'Speak until the gateway stops.';
    const response = await new OpenAI({ apiKey: 'unused', baseURL: `${own.url}/v1`, maxRetries: 0 }).audio.speech.create({ model: 'mini-tts', voice: 'alloy', input });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    assert.ok(((await reader.read()).value?.length ?? 0) > 0, 'some audio before the shutdown');
    const closing = own.close();
    const read = async (): Promise<void> => {
      for (let part = await reader.read(); !part.done; part = await reader.read());
    };
    await assert.rejects(read(), 'the audio ends in a cut, not as if whole');
    await closing;
    const line = own.logs.records().find((record) => record['path'] === '/v1/audio/speech');
    assert.equal(line?.['callEnd'], 'shutdown');
    const promptTokens = tokenCounter({ model: 'gpt-4o-mini-tts', text: input });
    assert.equal(line?.['promptTokens'], promptTokens);
    const completion = Number(line?.['completionTokens']);
    const delivered = chunksDelivered(completion, FAKE_SPEECH_CHUNK_BYTES, FAKE_SPEECH_CHUNKS, MP3_BYTES_PER_SECOND, MINI_TTS.tokensPerSecond);
    near(
      Number(line?.['cost']),
      promptTokens * MINI_TTS.textInput + audioTokens(delivered * FAKE_SPEECH_CHUNK_BYTES, MP3_BYTES_PER_SECOND, MINI_TTS.tokensPerSecond) * MINI_TTS.audioOutput,
      'estimated cost',
    );
  });

  it('gpt-4o-mini-tts on Azure (no usage reported): a whole call billed by the estimate, marked usage_counted', async () => {
    const key = await world.newKey();
    const input = 'hi there';
    const response = await world.client(key).audio.speech.create({ model: 'azure-mini-tts', voice: 'alloy', input });
    const audio = Buffer.from(await response.arrayBuffer());
    assert.equal(audio.length, FAKE_SPEECH_CHUNKS * FAKE_SPEECH_CHUNK_BYTES);
    // Azure gets the body as sent (no stream_format: its speech API documents no usage events).
    assert.deepEqual(world.upstream.requests.at(-1)?.json, { model: 'gpt-4o-mini-tts', input, voice: 'alloy' });
    const [row] = await world.spendRows(key, 1);
    assert.equal(row?.status, 'success');
    assert.equal(row?.metadata?.['usage_counted'], true);
    assert.equal(row?.metadata?.['call_end'], undefined);
    const promptTokens = tokenCounter({ model: 'gpt-4o-mini-tts', text: input });
    const completionTokens = audioTokens(audio.length, MP3_BYTES_PER_SECOND, MINI_TTS.tokensPerSecond);
    assert.equal(row?.prompt_tokens, promptTokens);
    assert.equal(row?.completion_tokens, completionTokens);
    near(row?.spend, promptTokens * MINI_TTS.textInput + completionTokens * MINI_TTS.audioOutput, 'estimated cost');
  });

  it('gpt-4o-mini-tts on Azure left mid-audio: the estimate of the bytes the client was handed', async () => {
    const key = await world.newKey();
    const input = 'cut this one short please';
    await readThenHangUp(world.client(key), { model: 'azure-mini-tts', voice: 'alloy', input, response_format: 'wav' });
    const [row] = await world.spendRows(key, 1);
    assertCutRow(row, true);
    const promptTokens = tokenCounter({ model: 'gpt-4o-mini-tts', text: input });
    assert.equal(row.prompt_tokens, promptTokens);
    const delivered = chunksDelivered(row.completion_tokens, FAKE_SPEECH_CHUNK_BYTES, FAKE_SPEECH_CHUNKS, PCM_BYTES_PER_SECOND, MINI_TTS.tokensPerSecond);
    near(
      row.spend,
      promptTokens * MINI_TTS.textInput + audioTokens(delivered * FAKE_SPEECH_CHUNK_BYTES, PCM_BYTES_PER_SECOND, MINI_TTS.tokensPerSecond) * MINI_TTS.audioOutput,
      'estimated cost',
    );
  });

  it('a whole gpt-4o-mini-tts call is still billed from the upstream usage exactly, not estimated', async () => {
    const key = await world.newKey();
    const input = 'Have a wonderful day!';
    await (await world.client(key).audio.speech.create({ model: 'mini-tts', voice: 'alloy', input })).arrayBuffer();
    const [row] = await world.spendRows(key, 1);
    assert.equal(row?.status, 'success');
    assert.equal(row?.metadata?.['usage_counted'], undefined);
    // The fake's speech.audio.done: ceil(21 / 4) = 6 input tokens, 4 × 25 = 100 audio tokens.
    assert.equal(row?.prompt_tokens, 6);
    assert.equal(row?.completion_tokens, 100);
    near(row?.spend, 6 * MINI_TTS.textInput + 100 * MINI_TTS.audioOutput, 'reported cost');
  });

  it('tts-1 left mid-audio: the characters sent upstream are billed', async () => {
    const key = await world.newKey();
    const input = 'Every character of this went upstream.';
    await readThenHangUp(world.client(key), { model: 'tts', voice: 'alloy', input });
    const [row] = await world.spendRows(key, 1);
    assertCutRow(row, false);
    near(row.spend, input.length * TTS_1_PER_CHARACTER, 'cost per character');
  });

  it('ElevenLabs left mid-audio: the characters sent upstream are billed', async () => {
    const key = await world.newKey();
    const input = 'Every character of this went to ElevenLabs.';
    await readThenHangUp(world.client(key), { model: 'eleven', voice: '21m00Tcm4TlvDq8ikWAM', input });
    assert.equal(elevenlabs.requests.length, 1);
    const [row] = await world.spendRows(key, 1);
    assertCutRow(row, false);
    near(row.spend, input.length * ELEVEN_MULTILINGUAL_PER_CHARACTER, 'cost per character');
  });
});
