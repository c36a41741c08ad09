// Audio on the providers beyond OpenAI, Azure and Groq, through the gateway with the official
// openai client: Gemini on AI Studio and Vertex AI (a transcript from generateContent with the
// audio inline; TTS from streamGenerateContent, its PCM streamed on as WAV), Deepgram (/v1/listen, the file as the
// raw body) and ElevenLabs (text-to-speech stream). Each is checked on the fake's side (the
// provider's own wire), in the reply and in the spend row, with model access and budgets
// enforced before any upstream call.

import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { after, before, describe, it } from 'node:test';
import { fakeGeminiSpeechPcm, fakeSpeechBytes, startFakeDeepgramUpstream, startFakeElevenLabsUpstream, startFakeGeminiMediaUpstream, type FakeServer } from '@llmux/fake-upstreams';
import OpenAI, { toFile } from 'openai';
import { makeWav } from './helpers/make-wav.js';
import { startFakeVertexMedia } from './helpers/fake-vertex-media.js';
import { startMediaGateway, type MediaGateway } from './helpers/media-gateway.js';

describe('audio on Gemini through the gateway', () => {
  let gemini: FakeServer;
  let world: MediaGateway;
  const wav = makeWav(2.5);

  before(async () => {
    gemini = await startFakeGeminiMediaUpstream({ apiKey: 'gemini-key', speechPauseMs: 150 });
    const params = { api_base: gemini.url, api_key: 'gemini-key' };
    world = await startMediaGateway(
      {},
      {
        more: () => [
          { model_name: 'gemini-stt', litellm_params: { model: 'gemini/gemini-2.5-flash', ...params } },
          { model_name: 'gemini-tts', litellm_params: { model: 'gemini/gemini-2.5-flash-preview-tts', ...params } },
        ],
        upstreams: [gemini],
      },
    );
  });
  after(() => world.close());

  it('transcribes: the audio inline in generateContent, billed by the seconds in the file', async () => {
    const key = await world.newKey();
    const result = await world.client(key).audio.transcriptions.create({ model: 'gemini-stt', file: await toFile(wav, 'tone.wav', { type: 'audio/wav' }), language: 'en' });
    assert.equal(result.text, `Transcript of ${wav.length} bytes of audio/wav`);
    const sent = gemini.requests.at(-1);
    assert.equal(sent?.url, '/v1beta/models/gemini-2.5-flash:generateContent');
    const part = (sent?.json as { contents: Array<{ parts: Array<{ text?: string; inlineData?: { mimeType: string; data: string } }> }> }).contents[0]?.parts;
    assert.match(part?.[0]?.text ?? '', /^Transcribe the speech in this audio \(language: en\)/);
    assert.deepEqual(Buffer.from(part?.[1]?.inlineData?.data ?? '', 'base64'), wav);
    const [row] = await world.spendRows(key, 1);
    assert.equal(row?.metadata?.['call_type'], 'atranscription');
    // 32 audio tokens a second at $1.00/M (gemini-2.5-flash).
    assert.ok(Math.abs((row?.spend ?? 0) - 2.5 * 32e-6) < 1e-12, `cost ${row?.spend}`);
  });

  it('translates, and refuses srt (Gemini writes no timed segments) before any upstream call', async () => {
    const translated = await world.client().audio.translations.create({ model: 'gemini-stt', file: await toFile(wav, 'fr.wav', { type: 'audio/wav' }) });
    assert.match(translated.text, /^Translation of/);
    const calls = gemini.requests.length;
    await assert.rejects(
      world.client().audio.transcriptions.create({ model: 'gemini-stt', file: await toFile(wav, 'a.wav', { type: 'audio/wav' }), response_format: 'srt' }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && error.param === 'response_format',
    );
    assert.equal(gemini.requests.length, calls);
  });

  it('speaks: streamGenerateContent with the voice, PCM streamed on behind a WAV header as it arrives', async () => {
    const key = await world.newKey();
    const started = performance.now();
    const response = await world.client(key).audio.speech.create({ model: 'gemini-tts', voice: 'Kore', input: 'Have a wonderful day!' });
    assert.equal(response.headers.get('content-type'), 'audio/wav');
    const arrivals: number[] = [];
    const chunks: Buffer[] = [];
    for await (const chunk of Readable.fromWeb(response.body as WebReadableStream<Uint8Array>)) {
      arrivals.push(performance.now() - started);
      chunks.push(chunk as Buffer);
    }
    const audio = Buffer.concat(chunks);
    assert.equal(audio.toString('ascii', 0, 4), 'RIFF');
    assert.equal(audio.readUInt32LE(24), 24_000, 'the sample rate Gemini reported');
    assert.deepEqual(audio.subarray(44), Buffer.concat(fakeGeminiSpeechPcm()));
    assert.ok((arrivals[0] ?? Infinity) < (arrivals.at(-1) ?? 0) - 200, `chunks arrived at ${arrivals.map(Math.round).join(', ')} ms: passed on, not gathered`);
    const sent = gemini.requests.at(-1);
    assert.equal(sent?.url, '/v1beta/models/gemini-2.5-flash-preview-tts:streamGenerateContent?alt=sse');
    assert.deepEqual((sent?.json as { generationConfig: unknown }).generationConfig, {
      responseModalities: ['AUDIO'],
      speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: 'Kore' } } },
    });
    const [row] = await world.spendRows(key, 1);
    assert.equal(row?.metadata?.['call_type'], 'aspeech');
  });

  it('refuses mp3 from Gemini TTS (it makes PCM) with a 400 naming response_format', async () => {
    await assert.rejects(
      world.client().audio.speech.create({ model: 'gemini-tts', voice: 'Kore', input: 'x', response_format: 'mp3' }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && error.param === 'response_format',
    );
  });

  it('refuses a key without access and a key over budget, before any upstream call', async () => {
    const calls = gemini.requests.length;
    const limited = await world.newKey({ models: ['gemini-tts'] });
    await assert.rejects(
      world.client(limited).audio.transcriptions.create({ model: 'gemini-stt', file: await toFile(wav, 'a.wav', { type: 'audio/wav' }) }),
      OpenAI.AuthenticationError,
    );
    assert.equal(gemini.requests.length, calls);
    const poor = await world.newKey({ max_budget: 0.00005 });
    await world.client(poor).audio.transcriptions.create({ model: 'gemini-stt', file: await toFile(wav, 'a.wav', { type: 'audio/wav' }) });
    await assert.rejects(world.client(poor).audio.transcriptions.create({ model: 'gemini-stt', file: await toFile(wav, 'a.wav', { type: 'audio/wav' }) }), OpenAI.RateLimitError);
    assert.equal(gemini.requests.length, calls + 1);
  });
});

describe('audio on Deepgram and ElevenLabs through the gateway', () => {
  let deepgram: FakeServer;
  let elevenlabs: FakeServer;
  let world: MediaGateway;
  const wav = makeWav(2.5);

  before(async () => {
    deepgram = await startFakeDeepgramUpstream({ apiKey: 'dg-key' });
    elevenlabs = await startFakeElevenLabsUpstream({ apiKey: 'el-key', pauseMs: 150 });
    world = await startMediaGateway(
      {},
      {
        more: () => [
          { model_name: 'nova', litellm_params: { model: 'deepgram/nova-3', api_base: deepgram.url, api_key: 'dg-key' } },
          { model_name: 'eleven', litellm_params: { model: 'elevenlabs/eleven_multilingual_v2', api_base: elevenlabs.url, api_key: 'el-key' } },
        ],
        upstreams: [deepgram, elevenlabs],
      },
    );
  });
  after(() => world.close());

  it('Deepgram: the WAV as the raw /v1/listen body, the model and language in the query, billed per second', async () => {
    const key = await world.newKey();
    const result = await world.client(key).audio.transcriptions.create({ model: 'nova', file: await toFile(wav, 'tone.wav', { type: 'audio/wav' }), language: 'en' });
    assert.equal(result.text, `deepgram nova-3 heard ${wav.length} bytes of audio/wav`);
    const sent = deepgram.requests.at(-1);
    assert.equal(sent?.url, '/v1/listen?model=nova-3&smart_format=true&language=en');
    assert.equal(sent?.headers.authorization, 'Token dg-key');
    assert.deepEqual(sent?.body, wav);
    const [row] = await world.spendRows(key, 1);
    assert.equal(row?.metadata?.['call_type'], 'atranscription');
    assert.ok(Math.abs((row?.spend ?? 0) - (2.5 * 0.0043) / 60) < 1e-12, `cost ${row?.spend}`);
  });

  it('Deepgram: verbose_json carries the duration; translations are refused with a 400', async () => {
    const verbose = await world
      .client()
      .audio.transcriptions.create({ model: 'nova', file: await toFile(wav, 'tone.wav', { type: 'audio/wav' }), response_format: 'verbose_json' });
    assert.equal(verbose.duration, 2.5);
    await assert.rejects(world.client().audio.translations.create({ model: 'nova', file: await toFile(wav, 'a.wav', { type: 'audio/wav' }) }), OpenAI.BadRequestError);
  });

  it('ElevenLabs: the voice in the path, mp3 streamed to the client as it arrives, billed per character', async () => {
    const key = await world.newKey();
    const input = 'Hello from the gateway.';
    const started = performance.now();
    const response = await world.client(key).audio.speech.create({ model: 'eleven', voice: '21m00Tcm4TlvDq8ikWAM', input });
    assert.equal(response.headers.get('content-type'), 'audio/mpeg');
    const arrivals: number[] = [];
    const chunks: Buffer[] = [];
    for await (const chunk of Readable.fromWeb(response.body as WebReadableStream<Uint8Array>)) {
      arrivals.push(performance.now() - started);
      chunks.push(chunk as Buffer);
    }
    assert.deepEqual(Buffer.concat(chunks), Buffer.concat(fakeSpeechBytes(input)));
    assert.ok((arrivals[0] ?? Infinity) < (arrivals.at(-1) ?? 0) - 300, `chunks arrived at ${arrivals.map(Math.round).join(', ')} ms`);
    const sent = elevenlabs.requests.at(-1);
    assert.equal(sent?.url, '/v1/text-to-speech/21m00Tcm4TlvDq8ikWAM/stream?output_format=mp3_44100_128');
    assert.equal(sent?.headers['xi-api-key'], 'el-key');
    assert.deepEqual(sent?.json, { text: input, model_id: 'eleven_multilingual_v2' });
    const [row] = await world.spendRows(key, 1);
    assert.equal(row?.metadata?.['call_type'], 'aspeech');
    assert.ok(Math.abs((row?.spend ?? 0) - (input.length * 0.1) / 1000) < 1e-12, `cost ${row?.spend}`);
  });

  it('refuses a key without access and a key over budget, before any upstream call', async () => {
    const calls = deepgram.requests.length + elevenlabs.requests.length;
    const limited = await world.newKey({ models: ['nova'] });
    await assert.rejects(world.client(limited).audio.speech.create({ model: 'eleven', voice: 'v', input: 'x' }), OpenAI.AuthenticationError);
    const poor = await world.newKey({ max_budget: 0.001 });
    await world
      .client(poor)
      .audio.speech.create({ model: 'eleven', voice: 'v', input: 'x'.repeat(20) })
      .then((reply) => reply.arrayBuffer());
    await assert.rejects(world.client(poor).audio.transcriptions.create({ model: 'nova', file: await toFile(wav, 'a.wav', { type: 'audio/wav' }) }), OpenAI.RateLimitError);
    assert.equal(deepgram.requests.length + elevenlabs.requests.length, calls + 1);
  });
});

describe('audio on Vertex AI (Gemini) through the gateway', () => {
  let vertex: FakeServer;
  let world: MediaGateway;
  const wav = makeWav(1);

  before(async () => {
    const onVertex = await startFakeVertexMedia('audio-project', { speechPauseMs: 1 });
    vertex = onVertex.server;
    world = await startMediaGateway(
      {},
      {
        more: () => [
          { model_name: 'vertex-stt', litellm_params: { model: 'vertex_ai/gemini-2.5-flash', ...onVertex.params } },
          { model_name: 'vertex-tts', litellm_params: { model: 'vertex_ai/gemini-2.5-flash-preview-tts', ...onVertex.params } },
        ],
        upstreams: [onVertex],
      },
    );
  });
  after(() => world.close());

  it('transcribes and speaks with the service account token, at the publisher paths', async () => {
    const key = await world.newKey();
    const result = await world.client(key).audio.transcriptions.create({ model: 'vertex-stt', file: await toFile(wav, 'a.wav', { type: 'audio/wav' }) });
    assert.equal(result.text, `Transcript of ${wav.length} bytes of audio/wav`);
    assert.equal(vertex.requests.at(-1)?.url, '/v1/projects/audio-project/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent');
    const [row] = await world.spendRows(key, 1);
    assert.ok(Math.abs((row?.spend ?? 0) - 32e-6) < 1e-12, `1 s at 32 tokens and $1.00/M: ${row?.spend}`);
    const speech = await world.client().audio.speech.create({ model: 'vertex-tts', voice: 'Puck', input: 'hi', response_format: 'pcm' });
    assert.deepEqual(Buffer.from(await speech.arrayBuffer()), Buffer.concat(fakeGeminiSpeechPcm()));
    assert.match(vertex.requests.at(-1)?.url ?? '', /gemini-2\.5-flash-preview-tts:streamGenerateContent\?alt=sse$/);
  });
});
