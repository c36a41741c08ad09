// Text to speech billed by tokens, through the gateway with the official openai client:
// gpt-4o-mini-tts on OpenAI (llmux asks the upstream for `stream_format: "sse"`, the only form
// that reports usage, and hands the client the decoded audio, or the events when it asked for
// them) and Gemini TTS (the last chunk's usageMetadata). Each checked on the fake's side, in
// the audio the client got, and in the spend row (tokens, cost, call_type); model access and
// budgets enforced before any upstream call. Azure reports no usage: billed by llmux's estimate.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fakeGeminiSpeechPcm, fakeSpeechBytes, startFakeGeminiMediaUpstream, type FakeServer } from '@llmux/fake-upstreams';
import OpenAI from 'openai';
import { startMediaGateway, type MediaGateway } from './helpers/media-gateway.js';

// The published prices (sdk/src/cost/media-prices.ts): USD per token.
const MINI_TTS = { textInput: 0.6e-6, audioOutput: 12e-6 };
const GEMINI_FLASH_TTS = { textInput: 0.5e-6, audioOutput: 10e-6 };

const near = (actual: number | undefined, expected: number, what: string): void =>
  assert.ok(Math.abs((actual ?? Number.NaN) - expected) < 1e-15, `${what}: ${actual}, expected ${expected}`);

describe('token-priced speech through the gateway', () => {
  let gemini: FakeServer;
  let world: MediaGateway;

  before(async () => {
    gemini = await startFakeGeminiMediaUpstream({ apiKey: 'gemini-key', speechPauseMs: 1 });
    world = await startMediaGateway(
      { 'mini-tts': 'gpt-4o-mini-tts' },
      {
        speechPauseMs: 1,
        more: () => [{ model_name: 'gemini-tts', litellm_params: { model: 'gemini/gemini-2.5-flash-preview-tts', api_base: gemini.url, api_key: 'gemini-key' } }],
      },
    );
  });
  after(async () => {
    await world.close();
    await gemini.close();
  });

  it('gpt-4o-mini-tts: asks for sse, answers the decoded audio, bills the reported text-in and audio-out tokens', async () => {
    const key = await world.newKey();
    const input = 'Have a wonderful day!';
    const response = await world.client(key).audio.speech.create({ model: 'mini-tts', voice: 'alloy', input });
    assert.equal(response.headers.get('content-type'), 'audio/mpeg');
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), Buffer.concat(fakeSpeechBytes(input)));
    const sent = world.upstream.requests.at(-1);
    assert.equal(sent?.url, '/v1/audio/speech');
    assert.deepEqual(sent?.json, { model: 'gpt-4o-mini-tts', input, voice: 'alloy', stream_format: 'sse' });
    // The fake reports ceil(21 / 4) = 6 input tokens and 4 × 25 = 100 audio tokens.
    const [row] = await world.spendRows(key, 1);
    assert.equal(row?.metadata?.['call_type'], 'aspeech');
    assert.equal(row?.prompt_tokens, 6);
    assert.equal(row?.completion_tokens, 100);
    near(row?.spend, 6 * MINI_TTS.textInput + 100 * MINI_TTS.audioOutput, 'cost');
  });

  it('gpt-4o-mini-tts with stream_format sse from the client: the events as sent, billed the same way', async () => {
    const key = await world.newKey();
    const response = await world.client(key).audio.speech.create({ model: 'mini-tts', voice: 'alloy', input: 'hi', response_format: 'wav', stream_format: 'sse' });
    assert.equal(response.headers.get('content-type'), 'text/event-stream');
    const events = (await response.text())
      .split('\n\n')
      .filter((block) => block.startsWith('data: '))
      .map((block) => JSON.parse(block.slice(6)) as { type: string; audio?: string });
    assert.deepEqual(
      Buffer.concat(events.filter((event) => event.type === 'speech.audio.delta').map((event) => Buffer.from(event.audio ?? '', 'base64'))),
      Buffer.concat(fakeSpeechBytes('hi')),
    );
    assert.equal(events.at(-1)?.type, 'speech.audio.done');
    const [row] = await world.spendRows(key, 1);
    near(row?.spend, 1 * MINI_TTS.textInput + 100 * MINI_TTS.audioOutput, 'cost');
  });

  it('gpt-4o-mini-tts on Azure (no usage events declared): passed on as sent, the audio as it came, billed by estimate', async () => {
    const key = await world.newKey();
    const response = await world.client(key).audio.speech.create({ model: 'azure-mini-tts', voice: 'alloy', input: 'hi' });
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), Buffer.concat(fakeSpeechBytes('hi')));
    const sent = world.upstream.requests.at(-1);
    assert.match(sent?.url ?? '', /^\/openai\/deployments\/gpt-4o-mini-tts\/audio\/speech\?api-version=/);
    assert.deepEqual(sent?.json, { model: 'gpt-4o-mini-tts', input: 'hi', voice: 'alloy' });
    const [row] = await world.spendRows(key, 1);
    assert.equal(row?.metadata?.['call_type'], 'aspeech');
    // No usage from Azure: llmux's estimate (operation-speech-cut-billing.test.ts checks its numbers).
    assert.equal(row?.metadata?.['usage_counted'], true);
    assert.ok((row?.spend ?? 0) > 0, `spend ${row?.spend}`);
  });

  it('Gemini TTS: billed from the last chunk usageMetadata (5 text tokens in, 75 audio tokens out)', async () => {
    const key = await world.newKey();
    const response = await world.client(key).audio.speech.create({ model: 'gemini-tts', voice: 'Kore', input: 'Say hello', response_format: 'pcm' });
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), Buffer.concat(fakeGeminiSpeechPcm()));
    assert.equal(gemini.requests.at(-1)?.url, '/v1beta/models/gemini-2.5-flash-preview-tts:streamGenerateContent?alt=sse');
    const [row] = await world.spendRows(key, 1);
    assert.equal(row?.metadata?.['call_type'], 'aspeech');
    assert.equal(row?.prompt_tokens, 5);
    assert.equal(row?.completion_tokens, 75);
    near(row?.spend, 5 * GEMINI_FLASH_TTS.textInput + 75 * GEMINI_FLASH_TTS.audioOutput, 'cost');
  });

  it('refuses a key without access and a key over budget, before any upstream call', async () => {
    const calls = world.upstream.requests.length;
    const limited = await world.newKey({ models: ['gemini-tts'] });
    await assert.rejects(world.client(limited).audio.speech.create({ model: 'mini-tts', voice: 'alloy', input: 'x' }), OpenAI.AuthenticationError);
    assert.equal(world.upstream.requests.length, calls);
    // One call costs 1 × 0.6e-6 + 100 × 12e-6 ≈ $0.0012: over a $0.001 budget after it.
    const poor = await world.newKey({ max_budget: 0.001 });
    await (await world.client(poor).audio.speech.create({ model: 'mini-tts', voice: 'alloy', input: 'x' })).arrayBuffer();
    await world.spendRows(poor, 1);
    await assert.rejects(world.client(poor).audio.speech.create({ model: 'mini-tts', voice: 'alloy', input: 'x' }), OpenAI.RateLimitError);
    assert.equal(world.upstream.requests.length, calls + 1);
  });
});
