// The fake Gemini media API must be faithful: Google's official @google/genai client drives
// it here (generateImages and editImage → Imagen's :predict in Vertex mode, generateContent
// with inline audio, generateContentStream with an AUDIO modality), so anything it would send
// differently or misread fails these tests. Imagen on AI Studio cannot be driven by it: this
// client version (2.32.0) throws before sending generateImages outside Vertex (checked below);
// AI Studio's predict body is Vertex's, answered by the same code the Vertex test proves.

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { ApiError, EditMode, GoogleGenAI, MaskReferenceImage, MaskReferenceMode, Modality, RawReferenceImage } from '@google/genai';
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

  it('editImage (Vertex): a RAW and a user-provided MASK reference on a capability model', async () => {
    const raw = new RawReferenceImage();
    raw.referenceId = 1;
    raw.referenceImage = { imageBytes: FAKE_PNG.toString('base64'), mimeType: 'image/png' };
    const mask = new MaskReferenceImage();
    mask.referenceId = 2;
    mask.referenceImage = { imageBytes: FAKE_PNG.toString('base64'), mimeType: 'image/png' };
    mask.config = { maskMode: MaskReferenceMode.MASK_MODE_USER_PROVIDED };
    const edited = await vertex.models.editImage({
      model: 'imagen-3.0-capability-001',
      prompt: 'a red sofa',
      referenceImages: [raw, mask],
      config: { editMode: EditMode.EDIT_MODE_INPAINT_INSERTION, numberOfImages: 2 },
    });
    assert.equal(edited.generatedImages?.length, 2);
    assert.deepEqual(Buffer.from(edited.generatedImages?.[0]?.image?.imageBytes ?? '', 'base64'), FAKE_PNG);
    const sent = fake.requests.at(-1);
    assert.match(sent?.url ?? '', /\/publishers\/google\/models\/imagen-3\.0-capability-001:predict$/);
    const body = sent?.json as { instances: Array<{ referenceImages: Array<{ referenceType: string }> }>; parameters: { editMode: string; sampleCount: number } };
    assert.deepEqual(
      body.instances[0]?.referenceImages.map((reference) => reference.referenceType),
      ['REFERENCE_TYPE_RAW', 'REFERENCE_TYPE_MASK'],
    );
    assert.deepEqual(body.parameters, { editMode: 'EDIT_MODE_INPAINT_INSERTION', sampleCount: 2 });
    await assert.rejects(
      vertex.models.editImage({ model: 'imagen-4.0-generate-001', prompt: 'x', referenceImages: [raw, mask] }),
      (error: unknown) => error instanceof ApiError && error.status === 400,
    );
  });

  it('AI Studio: the client refuses generateImages outside Vertex; the fake serves predict with the key', async () => {
    await assert.rejects(client.models.generateImages({ model: 'imagen-4.0-generate-001', prompt: 'x' }), /only supported by the Gemini Enterprise Agent Platform/);
    const reply = await fetch(`${fake.url}/v1beta/models/imagen-4.0-generate-001:predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': 'gk-media' },
      body: JSON.stringify({ instances: [{ prompt: 'a kite' }], parameters: { sampleCount: 1 } }),
    });
    assert.equal(reply.status, 200);
    assert.equal(((await reply.json()) as { predictions: unknown[] }).predictions.length, 1);
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
