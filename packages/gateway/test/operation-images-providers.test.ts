// /v1/images/generations on the providers beyond OpenAI and Azure, through the gateway with
// the official openai client: Imagen on Vertex AI (`:predict`, a service account's OAuth
// token) and Bedrock's Nova Canvas, Titan Image and Stability (InvokeModel, SigV4), each checked on the fake's side (the provider's own wire), in the reply, and in the
// spend row (cost, call_type), with model access and budgets enforced before any upstream call.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FAKE_PNG, type FakeGoogleTokenServer, type FakeServer } from '@llmux/fake-upstreams';
import OpenAI, { toFile } from 'openai';
import { startFakeBedrockDeployment } from './helpers/fake-bedrock-deployment.js';
import { startFakeVertexMedia } from './helpers/fake-vertex-media.js';
import { startMediaGateway, type MediaGateway } from './helpers/media-gateway.js';

const PROJECT = 'media-project';

describe('images on Vertex AI (Imagen) through the gateway', () => {
  let tokens: FakeGoogleTokenServer;
  let gemini: FakeServer;
  let world: MediaGateway;

  before(async () => {
    const vertex = await startFakeVertexMedia(PROJECT);
    ({ tokens, server: gemini } = vertex);
    const imagen = { model: 'vertex_ai/imagen-4.0-generate-001', ...vertex.params };
    world = await startMediaGateway({}, { more: () => [{ model_name: 'imagen', litellm_params: imagen }], upstreams: [vertex] });
  });
  after(() => world.close());

  it('generates: predict with sampleCount and aspect ratio, b64_json back, $0.04 an image', async () => {
    const key = await world.newKey();
    const { data: images, response } = await world
      .client(key)
      .images.generate({ model: 'imagen', prompt: 'a red kite', n: 2, size: '1792x1024', response_format: 'url' })
      .withResponse();
    assert.equal(images.data?.length, 2);
    assert.deepEqual(Buffer.from(images.data?.[1]?.b64_json ?? '', 'base64'), FAKE_PNG);
    assert.match(response.headers.get('x-llmux-warnings') ?? '', /response_format url/);
    const sent = gemini.requests.at(-1);
    assert.equal(sent?.url, `/v1/projects/${PROJECT}/locations/us-central1/publishers/google/models/imagen-4.0-generate-001:predict`);
    assert.ok(tokens.issued.includes((sent?.headers.authorization ?? '').replace('Bearer ', '')), 'a token the service account was issued');
    assert.deepEqual(sent?.json, { instances: [{ prompt: 'a red kite' }], parameters: { sampleCount: 2, aspectRatio: '16:9' } });
    const [row] = await world.spendRows(key, 1);
    assert.equal(row?.metadata?.['call_type'], 'aimage_generation');
    assert.ok(Math.abs((row?.spend ?? 0) - 0.08) < 1e-12, `cost ${row?.spend}`);
  });

  it('refuses a size Imagen does not make with a 400 naming it, before any upstream call', async () => {
    const calls = gemini.requests.length;
    await assert.rejects(
      world.client().images.generate({ model: 'imagen', prompt: 'x', size: '256x256' }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && error.param === 'size',
    );
    assert.equal(gemini.requests.length, calls);
  });

  it('refuses a key without access and a key over budget, before any upstream call', async () => {
    const calls = gemini.requests.length;
    const limited = await world.newKey({ models: ['something-else'] });
    await assert.rejects(world.client(limited).images.generate({ model: 'imagen', prompt: 'x' }), OpenAI.AuthenticationError);
    assert.equal(gemini.requests.length, calls);
    const poor = await world.newKey({ max_budget: 0.01 });
    await world.client(poor).images.generate({ model: 'imagen', prompt: 'first', n: 1 });
    await assert.rejects(world.client(poor).images.generate({ model: 'imagen', prompt: 'second', n: 1 }), OpenAI.RateLimitError);
    assert.equal(gemini.requests.length, calls + 1);
  });
});

describe('images on Bedrock through the gateway', () => {
  let bedrock: FakeServer;
  let world: MediaGateway;
  const AWS = { accessKeyId: 'AKIAMEDIA0000000001', secretAccessKey: 'media/secret/for/bedrock/images00000000' };

  before(async () => {
    const onBedrock = await startFakeBedrockDeployment({ region: 'us-east-1', credentials: AWS });
    bedrock = onBedrock.server;
    world = await startMediaGateway(
      {},
      {
        more: () => [
          { model_name: 'nova-canvas', litellm_params: onBedrock.params('amazon.nova-canvas-v1:0') },
          { model_name: 'titan-image', litellm_params: onBedrock.params('amazon.titan-image-generator-v2:0') },
          { model_name: 'sd35', litellm_params: onBedrock.params('stability.sd3-5-large-v1:0') },
        ],
        upstreams: [bedrock],
      },
    );
  });
  after(() => world.close());

  const lastBody = (): unknown => bedrock.requests.at(-1)?.json;

  it('Nova Canvas: a signed InvokeModel with TEXT_IMAGE, premium for hd, priced per image', async () => {
    const key = await world.newKey();
    const images = await world.client(key).images.generate({ model: 'nova-canvas', prompt: 'a lamp', n: 2, size: '1024x1024', quality: 'hd' });
    assert.equal(images.data?.length, 2);
    assert.deepEqual(Buffer.from(images.data?.[0]?.b64_json ?? '', 'base64'), FAKE_PNG);
    const sent = bedrock.requests.at(-1);
    assert.equal(sent?.url, '/model/amazon.nova-canvas-v1%3A0/invoke');
    assert.match(String(sent?.headers.authorization), /^AWS4-HMAC-SHA256 Credential=AKIAMEDIA0000000001\/\d{8}\/us-east-1\/bedrock\/aws4_request/);
    assert.deepEqual(lastBody(), {
      taskType: 'TEXT_IMAGE',
      textToImageParams: { text: 'a lamp' },
      imageGenerationConfig: { numberOfImages: 2, width: 1024, height: 1024, quality: 'premium' },
    });
    const [row] = await world.spendRows(key, 1);
    assert.equal(row?.metadata?.['call_type'], 'aimage_generation');
    assert.ok(Math.abs((row?.spend ?? 0) - 0.12) < 1e-12, `2 premium images at $0.06: ${row?.spend}`);
  });

  it('Titan Image at 512x512 standard', async () => {
    const { response } = await world.client().images.generate({ model: 'titan-image', prompt: 'a lamp', size: '512x512' }).withResponse();
    assert.equal((lastBody() as { imageGenerationConfig: { width: number } }).imageGenerationConfig.width, 512);
    assert.ok(Math.abs(Number(response.headers.get('x-litellm-response-cost')) - 0.008) < 1e-12);
  });

  it('Stability: prompt and aspect ratio; n > 1 refused with a 400 naming n', async () => {
    const key = await world.newKey();
    const images = await world.client(key).images.generate({ model: 'sd35', prompt: 'a lamp', size: '1792x1024' });
    assert.equal(images.data?.length, 1);
    assert.deepEqual(lastBody(), { prompt: 'a lamp', mode: 'text-to-image', output_format: 'png', aspect_ratio: '16:9' });
    const [row] = await world.spendRows(key, 1);
    assert.ok(Math.abs((row?.spend ?? 0) - 0.08) < 1e-12, `cost ${row?.spend}`);
    await assert.rejects(world.client().images.generate({ model: 'sd35', prompt: 'x', n: 2 }), (error: unknown) => error instanceof OpenAI.BadRequestError && error.param === 'n');
  });

  it('edits on Nova Canvas: INPAINTING with the mask, IMAGE_VARIATION without one, priced per image', async () => {
    const key = await world.newKey();
    const image = await toFile(FAKE_PNG, 'room.png', { type: 'image/png' });
    const mask = await toFile(FAKE_PNG, 'mask.png', { type: 'image/png' });
    const edited = await world.client(key).images.edit({ model: 'nova-canvas', prompt: 'a red sofa', image, mask });
    assert.equal(edited.data?.length, 1);
    const b64 = FAKE_PNG.toString('base64');
    assert.deepEqual(lastBody(), {
      taskType: 'INPAINTING',
      inPaintingParams: { image: b64, text: 'a red sofa', maskImage: b64 },
      imageGenerationConfig: { numberOfImages: 1, quality: 'standard' },
    });
    await world.client().images.edit({ model: 'nova-canvas', prompt: 'in watercolour', image: await toFile(FAKE_PNG, 'a.png', { type: 'image/png' }), n: 2 });
    assert.deepEqual(lastBody(), {
      taskType: 'IMAGE_VARIATION',
      imageVariationParams: { images: [b64], text: 'in watercolour' },
      imageGenerationConfig: { numberOfImages: 2, quality: 'standard' },
    });
    const [row] = await world.spendRows(key, 1);
    assert.equal(row?.metadata?.['call_type'], 'aimage_edit');
    assert.ok(Math.abs((row?.spend ?? 0) - 0.04) < 1e-12, `cost ${row?.spend}`);
  });

  it('refuses a key without access and a key over budget, before any upstream call', async () => {
    const calls = bedrock.requests.length;
    const limited = await world.newKey({ models: ['sd35'] });
    await assert.rejects(world.client(limited).images.generate({ model: 'nova-canvas', prompt: 'x' }), OpenAI.AuthenticationError);
    assert.equal(bedrock.requests.length, calls);
    const poor = await world.newKey({ max_budget: 0.01 });
    await world.client(poor).images.generate({ model: 'nova-canvas', prompt: 'first' });
    await assert.rejects(world.client(poor).images.generate({ model: 'titan-image', prompt: 'second' }), OpenAI.RateLimitError);
    assert.equal(bedrock.requests.length, calls + 1);
  });
});
