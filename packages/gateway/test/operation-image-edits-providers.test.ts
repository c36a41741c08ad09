// /v1/images/edits on Imagen (Vertex AI's capability model, `:predict` with reference images)
// and on Stability's Image Services on Bedrock (inpaint, search-replace), Imagen generation
// through AI Studio (`gemini/imagen-*`, the key in x-goog-api-key), and media calls to a row
// that declares no media, refused before any upstream call. Through the gateway with the
// official openai client; each checked on the fake's side, in the reply, and in the spend row
// (cost, call_type), with model access and budgets enforced before any upstream call.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FAKE_PNG, type FakeGoogleTokenServer, type FakeServer } from '@llmux/fake-upstreams';
import OpenAI, { toFile } from 'openai';
import { startFakeBedrockDeployment } from './helpers/fake-bedrock-deployment.js';
import { startFakeVertexMedia } from './helpers/fake-vertex-media.js';
import { startMediaGateway, type MediaGateway } from './helpers/media-gateway.js';

const PROJECT = 'edit-project';
const png = (name: string): ReturnType<typeof toFile> => toFile(FAKE_PNG, name, { type: 'image/png' });
const b64 = FAKE_PNG.toString('base64');

describe('Imagen edits (Vertex AI) and Imagen on AI Studio through the gateway', () => {
  let tokens: FakeGoogleTokenServer;
  let google: FakeServer;
  let world: MediaGateway;

  before(async () => {
    const vertex = await startFakeVertexMedia(PROJECT, { apiKey: 'studio-key' });
    ({ tokens, server: google } = vertex);
    world = await startMediaGateway(
      {},
      {
        more: () => [
          { model_name: 'imagen-edit', litellm_params: { model: 'vertex_ai/imagen-3.0-capability-001', ...vertex.params } },
          { model_name: 'studio-imagen', litellm_params: { model: 'gemini/imagen-4.0-fast-generate-001', api_base: google.url, api_key: 'studio-key' } },
        ],
        upstreams: [vertex],
      },
    );
  });
  after(() => world.close());

  it('edits with a mask: RAW and user-provided MASK references, inpainting, $0.04 an image', async () => {
    const key = await world.newKey();
    const { data: edited, response } = await world
      .client(key)
      .images.edit({ model: 'imagen-edit', prompt: 'a red sofa', image: await png('room.png'), mask: await png('mask.png'), n: 2 })
      .withResponse();
    assert.equal(edited.data?.length, 2);
    assert.deepEqual(Buffer.from(edited.data?.[0]?.b64_json ?? '', 'base64'), FAKE_PNG);
    assert.match(response.headers.get('x-llmux-warnings') ?? '', /mask: Imagen edits the white area/);
    const sent = google.requests.at(-1);
    assert.equal(sent?.url, `/v1/projects/${PROJECT}/locations/us-central1/publishers/google/models/imagen-3.0-capability-001:predict`);
    assert.ok(tokens.issued.includes((sent?.headers.authorization ?? '').replace('Bearer ', '')), 'a token the service account was issued');
    assert.deepEqual(sent?.json, {
      instances: [
        {
          prompt: 'a red sofa',
          referenceImages: [
            { referenceType: 'REFERENCE_TYPE_RAW', referenceId: 1, referenceImage: { bytesBase64Encoded: b64, mimeType: 'image/png' } },
            {
              referenceType: 'REFERENCE_TYPE_MASK',
              referenceId: 2,
              referenceImage: { bytesBase64Encoded: b64, mimeType: 'image/png' },
              maskImageConfig: { maskMode: 'MASK_MODE_USER_PROVIDED' },
            },
          ],
        },
      ],
      parameters: { sampleCount: 2, editMode: 'EDIT_MODE_INPAINT_INSERTION' },
    });
    const [row] = await world.spendRows(key, 1);
    assert.equal(row?.metadata?.['call_type'], 'aimage_edit');
    assert.ok(Math.abs((row?.spend ?? 0) - 0.08) < 1e-12, `2 images at $0.04: ${row?.spend}`);
  });

  it('refuses an edit without a mask, and two images, with a 400 naming the field, before any upstream call', async () => {
    const calls = google.requests.length;
    await assert.rejects(
      world.client().images.edit({ model: 'imagen-edit', prompt: 'x', image: await png('a.png') }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && error.param === 'mask',
    );
    await assert.rejects(
      world.client().images.edit({ model: 'imagen-edit', prompt: 'x', image: [await png('a.png'), await png('b.png')], mask: await png('m.png') }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && error.param === 'image',
    );
    assert.equal(google.requests.length, calls);
  });

  it('generates on AI Studio: v1beta predict with the key in x-goog-api-key, $0.02 an image', async () => {
    const key = await world.newKey();
    const images = await world.client(key).images.generate({ model: 'studio-imagen', prompt: 'a kite', n: 3, size: '1024x1024' });
    assert.equal(images.data?.length, 3);
    const sent = google.requests.at(-1);
    assert.equal(sent?.url, '/v1beta/models/imagen-4.0-fast-generate-001:predict');
    assert.equal(sent?.headers['x-goog-api-key'], 'studio-key');
    assert.deepEqual(sent?.json, { instances: [{ prompt: 'a kite' }], parameters: { sampleCount: 3, aspectRatio: '1:1' } });
    const [row] = await world.spendRows(key, 1);
    assert.equal(row?.metadata?.['call_type'], 'aimage_generation');
    assert.ok(Math.abs((row?.spend ?? 0) - 0.06) < 1e-12, `3 images at $0.02: ${row?.spend}`);
  });

  it('AI Studio serves no Imagen edits: a 400 naming gemini and image edits, before any upstream call', async () => {
    const calls = google.requests.length;
    await assert.rejects(
      world.client().images.edit({ model: 'studio-imagen', prompt: 'x', image: await png('a.png'), mask: await png('m.png') }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && /provider "gemini" does not offer image edits/.test(error.message),
    );
    assert.equal(google.requests.length, calls);
  });

  it('refuses a key without access and a key over budget, before any upstream call', async () => {
    const calls = google.requests.length;
    const limited = await world.newKey({ models: ['studio-imagen'] });
    await assert.rejects(world.client(limited).images.edit({ model: 'imagen-edit', prompt: 'x', image: await png('a.png'), mask: await png('m.png') }), OpenAI.AuthenticationError);
    assert.equal(google.requests.length, calls);
    const poor = await world.newKey({ max_budget: 0.03 });
    await world.client(poor).images.edit({ model: 'imagen-edit', prompt: 'first', image: await png('a.png'), mask: await png('m.png') });
    await assert.rejects(world.client(poor).images.edit({ model: 'imagen-edit', prompt: 'second', image: await png('a.png'), mask: await png('m.png') }), OpenAI.RateLimitError);
    assert.equal(google.requests.length, calls + 1);
  });
});

describe('Stability image edits on Bedrock through the gateway', () => {
  let bedrock: FakeServer;
  let world: MediaGateway;
  const AWS = { accessKeyId: 'AKIAEDITS00000000001', secretAccessKey: 'edits/secret/for/bedrock/stability0000000' };

  before(async () => {
    const onBedrock = await startFakeBedrockDeployment({ region: 'us-west-2', credentials: AWS });
    bedrock = onBedrock.server;
    world = await startMediaGateway(
      {},
      {
        more: () => [
          { model_name: 'inpaint', litellm_params: onBedrock.params('us.stability.stable-image-inpaint-v1:0') },
          { model_name: 'search-replace', litellm_params: onBedrock.params('stability.stable-image-search-replace-v1:0') },
        ],
        upstreams: [bedrock],
      },
    );
  });
  after(() => world.close());

  it('inpaint: a signed InvokeModel with image, prompt and mask, $0.07 an image (the profile priced as its model)', async () => {
    const key = await world.newKey();
    const edited = await world.client(key).images.edit({ model: 'inpaint', prompt: 'a red sofa', image: await png('room.png'), mask: await png('mask.png') });
    assert.deepEqual(Buffer.from(edited.data?.[0]?.b64_json ?? '', 'base64'), FAKE_PNG);
    const sent = bedrock.requests.at(-1);
    assert.equal(sent?.url, '/model/us.stability.stable-image-inpaint-v1%3A0/invoke');
    assert.match(String(sent?.headers.authorization), /^AWS4-HMAC-SHA256 Credential=AKIAEDITS00000000001\/\d{8}\/us-west-2\/bedrock\/aws4_request/);
    assert.deepEqual(sent?.json, { image: b64, output_format: 'png', prompt: 'a red sofa', mask: b64 });
    const [row] = await world.spendRows(key, 1);
    assert.equal(row?.metadata?.['call_type'], 'aimage_edit');
    assert.ok(Math.abs((row?.spend ?? 0) - 0.07) < 1e-12, `cost ${row?.spend}`);
  });

  it('search-replace: search_prompt from the form; without it, n > 1 or a generation call: a 400 naming the field', async () => {
    const edited = await world
      .client()
      .images.edit({ model: 'search-replace', prompt: 'a cat', image: await png('a.png'), output_format: 'webp', search_prompt: 'dog' } as OpenAI.ImageEditParamsNonStreaming);
    assert.equal(edited.data?.length, 1);
    assert.deepEqual(bedrock.requests.at(-1)?.json, { image: b64, output_format: 'webp', prompt: 'a cat', search_prompt: 'dog' });
    const calls = bedrock.requests.length;
    const refusedFor = (param: string) => (error: unknown) => error instanceof OpenAI.BadRequestError && error.param === param;
    await assert.rejects(world.client().images.edit({ model: 'search-replace', prompt: 'a cat', image: await png('a.png') }), refusedFor('search_prompt'));
    await assert.rejects(world.client().images.edit({ model: 'inpaint', prompt: 'a cat', image: await png('a.png'), n: 2 }), refusedFor('n'));
    await assert.rejects(world.client().images.generate({ model: 'inpaint', prompt: 'a cat' }), refusedFor('model'));
    assert.equal(bedrock.requests.length, calls);
  });

  it('refuses a key without access and a key over budget, before any upstream call', async () => {
    const calls = bedrock.requests.length;
    const limited = await world.newKey({ models: ['search-replace'] });
    await assert.rejects(world.client(limited).images.edit({ model: 'inpaint', prompt: 'x', image: await png('a.png') }), OpenAI.AuthenticationError);
    assert.equal(bedrock.requests.length, calls);
    const poor = await world.newKey({ max_budget: 0.05 });
    await world.client(poor).images.edit({ model: 'inpaint', prompt: 'first', image: await png('a.png') });
    await assert.rejects(world.client(poor).images.edit({ model: 'inpaint', prompt: 'second', image: await png('a.png') }), OpenAI.RateLimitError);
    assert.equal(bedrock.requests.length, calls + 1);
  });
});

describe('media calls to a row that declares no media', () => {
  let world: MediaGateway;

  before(async () => {
    world = await startMediaGateway(
      {},
      {
        more: (url) => [
          { model_name: 'fireworks', litellm_params: { model: 'fireworks_ai/accounts/fireworks/models/flux', api_base: `${url}/v1`, api_key: 'k' } },
          { model_name: 'groq-images', litellm_params: { model: 'groq/whisper-large-v3', api_base: `${url}/openai/v1`, api_key: 'k' } },
        ],
      },
    );
  });
  after(() => world.close());

  it('answers a 400 in OpenAI shape naming the provider and the operation; nothing reaches the upstream', async () => {
    const calls = world.upstream.requests.length;
    const refused = (provider: string, operation: string) => (error: unknown) =>
      error instanceof OpenAI.BadRequestError && error.param === 'model' && error.message.includes(`provider "${provider}" does not offer ${operation}`);
    await assert.rejects(world.client().images.generate({ model: 'fireworks', prompt: 'x' }), refused('fireworks_ai', 'image generation'));
    await assert.rejects(world.client().audio.speech.create({ model: 'fireworks', voice: 'v', input: 'x' }), refused('fireworks_ai', 'text to speech'));
    await assert.rejects(world.client().images.generate({ model: 'groq-images', prompt: 'x' }), refused('groq', 'image generation'));
    assert.equal(world.upstream.requests.length, calls);
  });
});
