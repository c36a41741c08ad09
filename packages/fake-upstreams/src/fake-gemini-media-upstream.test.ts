// The fake Gemini media API must be faithful: Google's official @google/genai client drives
// it here (generateImages → Imagen's :predict in Vertex mode, generateContent with inline
// audio, generateContentStream with an AUDIO modality), so anything it would send
// differently or misread fails these tests.

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { ApiError, GoogleGenAI, Modality } from '@google/genai';
import { OAuth2Client } from 'google-auth-library';
import { fakeGeminiSpeechPcm } from './fake-gemini-audio.js';
import { startFakeGeminiMediaUpstream } from './fake-gemini-media-upstream.js';
import { FAKE_PNG } from './fake-openai-images.js';
import type { FakeServer } from './start-fake-server.js';

describe('fake Gemini media upstream, driven by @google/genai', () => {
  let fake: FakeServer;
  let client: GoogleGenAI;
  let vertex: GoogleGenAI;
  const TOKEN = 'ya29.fake-media-token';

  before(async () => {
    fake = await startFakeGeminiMediaUpstream({ apiKey: 'gk-media', tokens: [TOKEN], speechPauseMs: 1 });
    client = new GoogleGenAI({ apiKey: 'gk-media', httpOptions: { baseUrl: fake.url } });
    const auth = new OAuth2Client();
    auth.setCredentials({ access_token: TOKEN, expiry_date: Date.now() + 3_600_000 });
    vertex = new GoogleGenAI({ vertexai: true, project: 'media-project', location: 'us-central1', httpOptions: { baseUrl: fake.url }, googleAuthOptions: { authClient: auth } });
  });
  after(() => fake.close());

  it('generateImages (Vertex): Imagen predictions the client reads as images', async () => {
    const result = await vertex.models.generateImages({ model: 'imagen-4.0-generate-001', prompt: 'a kite', config: { numberOfImages: 2, aspectRatio: '16:9' } });
    assert.equal(result.generatedImages?.length, 2);
    assert.deepEqual(Buffer.from(result.generatedImages?.[0]?.image?.imageBytes ?? '', 'base64'), FAKE_PNG);
    assert.match(fake.requests.at(-1)?.url ?? '', /\/projects\/media-project\/locations\/us-central1\/publishers\/google\/models\/imagen-4\.0-generate-001:predict$/);
    await assert.rejects(
      vertex.models.generateImages({ model: 'imagen-4.0-generate-001', prompt: 'x', config: { aspectRatio: '2:1' } }),
      (error: unknown) => error instanceof ApiError && error.status === 400,
    );
  });

  it('generateContent with inline audio: a transcript', async () => {
    const audio = Buffer.from('RIFF fake audio');
    const result = await client.models.generateContent({
      model: 'gemini-2.5-flash',
      contents: [{ role: 'user', parts: [{ text: 'Transcribe the speech in this audio.' }, { inlineData: { mimeType: 'audio/wav', data: audio.toString('base64') } }] }],
    });
    assert.equal(result.text, `Transcript of ${audio.length} bytes of audio/wav`);
  });

  it('generateContentStream with an AUDIO modality: PCM chunks', async () => {
    const stream = await client.models.generateContentStream({
      model: 'gemini-2.5-flash-preview-tts',
      contents: [{ role: 'user', parts: [{ text: 'Say hello' }] }],
      config: { responseModalities: [Modality.AUDIO], speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: 'Kore' } } } },
    });
    const pcm: Buffer[] = [];
    for await (const chunk of stream) pcm.push(Buffer.from(chunk.candidates?.[0]?.content?.parts?.[0]?.inlineData?.data ?? '', 'base64'));
    assert.deepEqual(Buffer.concat(pcm), Buffer.concat(fakeGeminiSpeechPcm()));
  });

  it('refuses a wrong key as AI Studio does', async () => {
    const wrong = new GoogleGenAI({ apiKey: 'nope', httpOptions: { baseUrl: fake.url } });
    await assert.rejects(
      wrong.models.generateContent({ model: 'gemini-2.5-flash', contents: 'x' }),
      (error: unknown) => error instanceof ApiError && error.status === 400 && /API key not valid/.test(error.message),
    );
  });
});
