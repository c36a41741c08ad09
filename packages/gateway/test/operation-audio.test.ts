// /v1/audio/transcriptions, /translations and /speech through the gateway with the official
// openai client, on OpenAI and on Azure OpenAI (fake upstreams speaking their wire): a real
// PCM WAV made here, uploaded as multipart and billed by the seconds in its header; speech
// streamed to a file as it arrives, billed per character; model access and budgets.

import * as assert from 'node:assert/strict';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { after, before, describe, it } from 'node:test';
import { fakeSpeechBytes, readFakeForm } from '@llmux/fake-upstreams';
import OpenAI, { toFile } from 'openai';
import { makeWav } from './helpers/make-wav.js';
import { MEDIA_AZURE_KEY, MEDIA_UPSTREAM_KEY, startMediaGateway, type MediaGateway } from './helpers/media-gateway.js';

const WHISPER_PER_SECOND = 0.006 / 60;
const TTS_PER_CHARACTER = 15e-6;

describe('audio through the gateway', () => {
  let world: MediaGateway;
  let folder: string;
  const wav = makeWav(2.5);

  before(async () => {
    world = await startMediaGateway(
      { whisper: 'whisper-1', tts: 'tts-1' },
      // Groq speaks OpenAI's format: its row of the OpenAI-compatible table, pointed at the fake.
      {
        speechPauseMs: 150,
        more: (url) => [{ model_name: 'groq-whisper', litellm_params: { model: 'groq/whisper-large-v3', api_base: `${url}/openai/v1`, api_key: 'gsk-media' } }],
      },
    );
    folder = mkdtempSync(join(tmpdir(), 'llmux-audio-'));
  });
  after(async () => {
    await world.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const lastUpstream = () => {
    const request = world.upstream.requests.at(-1);
    assert.ok(request !== undefined, 'the upstream was called');
    return request;
  };
  const near = (actual: number | undefined, expected: number, what: string): void =>
    assert.ok(Math.abs((actual ?? Number.NaN) - expected) < 1e-12, `${what}: ${actual}, expected ${expected}`);

  it('transcribes a WAV on OpenAI: the file bytes and fields as sent, billed by the seconds in the file', async () => {
    const key = await world.newKey();
    const result = await world
      .client(key)
      .audio.transcriptions.create({ model: 'whisper', file: await toFile(wav, 'tone.wav', { type: 'audio/wav' }), language: 'en', temperature: 0.2 });
    assert.equal(result.text, `Transcription of tone.wav (${wav.length} bytes)`);
    const sent = lastUpstream();
    assert.equal(sent.url, '/v1/audio/transcriptions');
    assert.equal(sent.headers.authorization, `Bearer ${MEDIA_UPSTREAM_KEY}`);
    const form = await readFakeForm(sent);
    assert.deepEqual(form?.fields, { model: 'whisper-1', language: 'en', temperature: '0.2' });
    assert.deepEqual(form?.files['file']?.[0], { name: 'tone.wav', type: 'audio/wav', bytes: wav });
    const [row] = await world.spendRows(key, 1);
    assert.equal(row?.metadata?.['call_type'], 'atranscription');
    near(row?.spend, 2.5 * WHISPER_PER_SECOND, 'cost of 2.5 s');
  });

  it('answers text, srt and verbose_json as the upstream wrote them', async () => {
    const file = await toFile(wav, 'tone.wav', { type: 'audio/wav' });
    const text = await world.client().audio.transcriptions.create({ model: 'whisper', file, response_format: 'text' });
    assert.equal(text, `Transcription of tone.wav (${wav.length} bytes)\n`);
    const srt = await world.client().audio.transcriptions.create({ model: 'whisper', file: await toFile(wav, 'tone.wav', { type: 'audio/wav' }), response_format: 'srt' });
    assert.match(srt, /^1\n00:00:00,000 --> 00:00:02,500\n/);
    const verbose = await world.client().audio.transcriptions.create({
      model: 'whisper',
      file: await toFile(wav, 'tone.wav', { type: 'audio/wav' }),
      response_format: 'verbose_json',
      timestamp_granularities: ['segment'],
    });
    assert.equal(verbose.duration, 2.5);
    assert.equal(verbose.segments?.[0]?.end, 2.5);
    const form = await readFakeForm(lastUpstream());
    assert.ok(form !== undefined);
    assert.equal(form.fields['timestamp_granularities[]'], 'segment', 'lists go upstream as name[] parts');
  });

  it('a file whose length cannot be read is not billed on the client word', async () => {
    const { data, response } = await world
      .client()
      .audio.transcriptions.create({ model: 'whisper', file: await toFile(Buffer.from('not audio at all'), 'x.wav', { type: 'audio/wav' }) })
      .withResponse();
    assert.match(data.text, /Transcription of x\.wav/);
    assert.equal(response.headers.get('x-litellm-response-cost'), null, 'no duration, no price: the cost is unknown, not zero');
  });

  it('translates and transcribes on Azure: the deployment path and api-key', async () => {
    const translated = await world.client().audio.translations.create({ model: 'azure-whisper', file: await toFile(wav, 'fr.wav', { type: 'audio/wav' }) });
    assert.equal(translated.text, `Translation of fr.wav (${wav.length} bytes)`);
    const sent = lastUpstream();
    assert.equal(sent.url, '/openai/deployments/whisper-1/audio/translations?api-version=2025-04-01-preview');
    assert.equal(sent.headers['api-key'], MEDIA_AZURE_KEY);
    const key = await world.newKey();
    await world.client(key).audio.transcriptions.create({ model: 'azure-whisper', file: await toFile(wav, 'a.wav', { type: 'audio/wav' }) });
    assert.equal(lastUpstream().url, '/openai/deployments/whisper-1/audio/transcriptions?api-version=2025-04-01-preview');
    const [row] = await world.spendRows(key, 1);
    near(row?.spend, 2.5 * WHISPER_PER_SECOND, 'Azure cost of 2.5 s');
  });

  it('transcribes on Groq (OpenAI format), billed at its per-hour price', async () => {
    const key = await world.newKey();
    const result = await world.client(key).audio.transcriptions.create({ model: 'groq-whisper', file: await toFile(wav, 'g.wav', { type: 'audio/wav' }) });
    assert.equal(result.text, `Transcription of g.wav (${wav.length} bytes)`);
    const sent = lastUpstream();
    assert.equal(sent.url, '/openai/v1/audio/transcriptions');
    assert.equal(sent.headers.authorization, 'Bearer gsk-media');
    assert.equal((await readFakeForm(sent))?.fields['model'], 'whisper-large-v3');
    const [row] = await world.spendRows(key, 1);
    near(row?.spend, (2.5 * 0.111) / 3600, 'Groq cost of 2.5 s');
  });

  it('streams speech to a file as it arrives, billed per character', async () => {
    const key = await world.newKey();
    const input = 'The quick brown fox jumps over the lazy dog.';
    const started = performance.now();
    const response = await world.client(key).audio.speech.create({ model: 'tts', voice: 'alloy', input, response_format: 'wav' });
    assert.equal(response.headers.get('content-type'), 'audio/wav');
    const arrivals: number[] = [];
    const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
    body.on('data', () => arrivals.push(performance.now() - started));
    const path = join(folder, 'speech.wav');
    await pipeline(body, createWriteStream(path));
    assert.deepEqual(readFileSync(path), Buffer.concat(fakeSpeechBytes(input)));
    // The fake pauses 150 ms between its 4 chunks: the first reached the client well before the last was sent.
    assert.ok((arrivals[0] ?? Infinity) < (arrivals.at(-1) ?? 0) - 300, `chunks arrived at ${arrivals.map(Math.round).join(', ')} ms: passed through, not gathered`);
    assert.deepEqual(lastUpstream().json, { model: 'tts-1', voice: 'alloy', input, response_format: 'wav' });
    const [row] = await world.spendRows(key, 1);
    assert.equal(row?.metadata?.['call_type'], 'aspeech');
    near(row?.spend, input.length * TTS_PER_CHARACTER, 'cost per character');
  });

  it('a client that hangs up mid-speech ends the upstream call, and the row says so', async () => {
    const key = await world.newKey();
    const controller = new AbortController();
    const response = await fetch(`${world.gateway.url}/v1/audio/speech`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'tts', voice: 'alloy', input: 'cut me short' }),
      signal: controller.signal,
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    controller.abort();
    const upstream = lastUpstream();
    // The fake writes 4 chunks 150 ms apart; the gateway's hang-up stops it after the first ones.
    await new Promise((resolve) => setTimeout(resolve, 700));
    assert.ok(upstream.sent.length < 4, `the upstream wrote ${upstream.sent.length} of 4 chunks`);
    const [row] = await world.spendRows(key, 1);
    assert.equal(row?.metadata?.['call_end'], 'client_disconnected');
  });

  it('speaks on Azure', async () => {
    const response = await world.client().audio.speech.create({ model: 'azure-tts', voice: 'nova', input: 'hi' });
    assert.equal(
      Buffer.from(await response.arrayBuffer()).length,
      fakeSpeechBytes('hi').reduce((sum, chunk) => sum + chunk.length, 0),
    );
    assert.equal(lastUpstream().url, '/openai/deployments/tts-1/audio/speech?api-version=2025-04-01-preview');
  });

  it('refuses a key without access to the model, before any upstream call', async () => {
    const key = await world.newKey({ models: ['tts'] });
    const calls = world.upstream.requests.length;
    await assert.rejects(world.client(key).audio.transcriptions.create({ model: 'whisper', file: await toFile(wav, 'a.wav', { type: 'audio/wav' }) }), OpenAI.AuthenticationError);
    await assert.rejects(world.client(key).audio.speech.create({ model: 'azure-tts', voice: 'nova', input: 'hi' }), OpenAI.AuthenticationError);
    assert.equal(world.upstream.requests.length, calls);
  });

  it('refuses a key over its budget, before any upstream call', async () => {
    const key = await world.newKey({ max_budget: 0.0002 });
    // 2.5 s of whisper costs $0.00025: the first call is admitted and spends past the budget.
    await world.client(key).audio.transcriptions.create({ model: 'whisper', file: await toFile(wav, 'a.wav', { type: 'audio/wav' }) });
    const calls = world.upstream.requests.length;
    await assert.rejects(
      world.client(key).audio.speech.create({ model: 'tts', voice: 'alloy', input: 'hello' }),
      (error: unknown) => error instanceof OpenAI.RateLimitError && /budget/i.test(error.message),
    );
    await assert.rejects(world.client(key).audio.transcriptions.create({ model: 'whisper', file: await toFile(wav, 'a.wav', { type: 'audio/wav' }) }), OpenAI.RateLimitError);
    assert.equal(world.upstream.requests.length, calls);
  });

  it('refuses bad bodies with OpenAI-shaped 400s', async () => {
    const noFile = new FormData();
    noFile.append('model', 'whisper');
    const reply = await fetch(`${world.gateway.url}/v1/audio/transcriptions`, { method: 'POST', headers: { authorization: 'Bearer sk-master-media' }, body: noFile });
    assert.equal(reply.status, 400);
    assert.deepEqual(((await reply.json()) as { error: { param: string } }).error.param, 'file');
    await assert.rejects(
      world.client().audio.speech.create({ model: 'tts', voice: 'alloy', input: '' }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && error.param === 'input',
    );
  });
});
