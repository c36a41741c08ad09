// The fake OpenAI media API must be faithful: the official `openai` client (and its
// AzureOpenAI class for the deployment paths) drives every endpoint here, so a reply it would
// reject or misread, or a request it sends that the fake misreads, fails these tests.

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import OpenAI, { AzureOpenAI, toFile } from 'openai';
import { FAKE_SPEECH_CHUNK_BYTES, FAKE_SPEECH_CUT_AFTER, FAKE_SPEECH_CUT_MARKER, fakeSpeechBytes, fakeSpeechUsage } from './fake-openai-audio.js';
import { FAKE_PNG } from './fake-openai-images.js';
import { startFakeOpenAIMediaUpstream } from './fake-openai-media-upstream.js';
import { readFakeForm } from './fake-read-form.js';
import type { FakeServer } from './start-fake-server.js';

const KEY = 'sk-fake-media';
const AZURE_KEY = 'azure-fake-media';

describe('fake OpenAI media upstream, driven by the official openai client', () => {
  let fake: FakeServer;
  let client: OpenAI;
  let azure: AzureOpenAI;

  before(async () => {
    fake = await startFakeOpenAIMediaUpstream({ apiKey: KEY, azureApiKey: AZURE_KEY, speechPauseMs: 1 });
    client = new OpenAI({ apiKey: KEY, baseURL: `${fake.url}/v1`, maxRetries: 0 });
    azure = new AzureOpenAI({ apiKey: AZURE_KEY, endpoint: fake.url, apiVersion: '2025-04-01-preview', maxRetries: 0 });
  });
  after(() => fake.close());

  it('images.generate: dall-e URLs, b64_json on request, gpt-image base64 with usage', async () => {
    const urls = await client.images.generate({ model: 'dall-e-3', prompt: 'a boat', n: 1 });
    assert.match(urls.data?.[0]?.url ?? '', /\/fake-images\/img-0\.png$/);
    const b64 = await client.images.generate({ model: 'dall-e-2', prompt: 'a boat', n: 2, response_format: 'b64_json' });
    assert.deepEqual(Buffer.from(b64.data?.[1]?.b64_json ?? '', 'base64'), FAKE_PNG);
    const tokens = await client.images.generate({ model: 'gpt-image-1', prompt: 'a boat', quality: 'medium' });
    assert.deepEqual(tokens.usage, { input_tokens: 2, output_tokens: 1056, total_tokens: 1058, input_tokens_details: { text_tokens: 2, image_tokens: 0 } });
    await assert.rejects(
      client.images.generate({ model: 'gpt-image-1', prompt: 'x', response_format: 'url' }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && error.param === 'response_format',
    );
  });

  it('images.edit: reads the multipart form the client sends', async () => {
    const edited = await client.images.edit({
      model: 'gpt-image-1',
      prompt: 'paint it',
      image: [await toFile(FAKE_PNG, 'a.png', { type: 'image/png' }), await toFile(FAKE_PNG, 'b.png', { type: 'image/png' })],
    });
    assert.equal(edited.usage?.input_tokens_details?.image_tokens, 646);
    const form = await readFakeForm(fake.requests.at(-1) as NonNullable<(typeof fake.requests)[number]>);
    assert.deepEqual(
      form?.files['image[]']?.map((file) => file.name),
      ['a.png', 'b.png'],
    );
  });

  it('audio.transcriptions and translations: each response_format', async () => {
    const file = await toFile(Buffer.from('RIFF....WAVE'), 'a.wav', { type: 'audio/wav' });
    assert.equal((await client.audio.transcriptions.create({ model: 'whisper-1', file })).text, 'Transcription of a.wav (12 bytes)');
    assert.equal(
      await client.audio.transcriptions.create({ model: 'whisper-1', file: await toFile(Buffer.from('x'), 'b.mp3'), response_format: 'text' }),
      'Transcription of b.mp3 (1 bytes)\n',
    );
    const verbose = await client.audio.translations.create({ model: 'whisper-1', file: await toFile(Buffer.from('x'), 'c.wav'), response_format: 'verbose_json' });
    assert.equal(verbose.text, 'Translation of c.wav (1 bytes)');
    // The client's types require a file; sending none is the point (the fake's 400).
    await assert.rejects(client.audio.transcriptions.create({ model: 'whisper-1' } as unknown as OpenAI.Audio.TranscriptionCreateParamsNonStreaming), OpenAI.BadRequestError);
  });

  it('audio.speech: the audio bytes with their media type', async () => {
    const response = await client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'hello', response_format: 'flac' });
    assert.equal(response.headers.get('content-type'), 'audio/flac');
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), Buffer.concat(fakeSpeechBytes('hello')));
  });

  it('audio.speech with stream_format sse: delta events carrying the audio, then done with the usage; tts-1 refuses it', async () => {
    const response = await client.audio.speech.create({ model: 'gpt-4o-mini-tts', voice: 'alloy', input: 'hello there', stream_format: 'sse' });
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    const events = (await response.text())
      .split('\n\n')
      .filter((block) => block.startsWith('data: '))
      .map((block) => JSON.parse(block.slice(6)) as { type: string; audio?: string; usage?: unknown });
    const audio = events.filter((event) => event.type === 'speech.audio.delta').map((event) => Buffer.from(event.audio ?? '', 'base64'));
    assert.deepEqual(Buffer.concat(audio), Buffer.concat(fakeSpeechBytes('hello there')));
    assert.deepEqual(events.at(-1), { type: 'speech.audio.done', usage: fakeSpeechUsage('hello there') });
    await assert.rejects(client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'x', stream_format: 'sse' }), OpenAI.BadRequestError);
  });

  it('audio.speech cut mid-audio (FAKE_SPEECH_CUT_MARKER): the body breaks after two chunks, plain and sse', async () => {
    for (const stream_format of ['audio', 'sse'] as const) {
      const response = await client.audio.speech.create({ model: 'gpt-4o-mini-tts', voice: 'alloy', input: `x ${FAKE_SPEECH_CUT_MARKER}`, stream_format });
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      let received = '';
      const read = async (): Promise<void> => {
        for (let part = await reader.read(); !part.done; part = await reader.read()) received += Buffer.from(part.value).toString('latin1');
      };
      await assert.rejects(read());
      if (stream_format === 'sse') {
        assert.equal(received.split('speech.audio.delta').length - 1, FAKE_SPEECH_CUT_AFTER);
        assert.ok(!received.includes('speech.audio.done'));
      } else assert.equal(received.length, FAKE_SPEECH_CUT_AFTER * FAKE_SPEECH_CHUNK_BYTES);
    }
  });

  it('serves Azure deployment paths with api-key, and refuses wrong keys', async () => {
    const images = await azure.images.generate({ model: 'dall-e-3', prompt: 'x' });
    assert.equal(images.data?.length, 1);
    assert.match(fake.requests.at(-1)?.url ?? '', /^\/openai\/deployments\/dall-e-3\/images\/generations\?api-version=/);
    const speech = await azure.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'hi' });
    assert.equal((await speech.arrayBuffer()).byteLength, 4 * 4096);
    const wrong = new OpenAI({ apiKey: 'sk-wrong', baseURL: `${fake.url}/v1`, maxRetries: 0 });
    await assert.rejects(wrong.images.generate({ model: 'dall-e-3', prompt: 'x' }), OpenAI.AuthenticationError);
  });
});
