// /v1/images/generations on the providers beyond OpenAI and Azure, through the gateway with
// the official openai client: Imagen on Vertex AI (`:predict`, a service account's OAuth
// token), each checked on the fake's side (the provider's own wire), in the reply, and in the
// spend row (cost, call_type), with model access and budgets enforced before any upstream call.

import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FAKE_PNG, startFakeGeminiMediaUpstream, startFakeGoogleTokenServer, type FakeGoogleTokenServer, type FakeServer } from '@llmux/fake-upstreams';
import OpenAI from 'openai';
import { startMediaGateway, type MediaGateway } from './helpers/media-gateway.js';

const PROJECT = 'media-project';

describe('images on Vertex AI (Imagen) through the gateway', () => {
  let tokens: FakeGoogleTokenServer;
  let gemini: FakeServer;
  let world: MediaGateway;
  let directory: string;

  before(async () => {
    tokens = await startFakeGoogleTokenServer();
    const account = tokens.createServiceAccount({ projectId: PROJECT });
    gemini = await startFakeGeminiMediaUpstream({ tokens: tokens.issued });
    directory = await mkdtemp(join(tmpdir(), 'llmux-imagen-'));
    const keyPath = join(directory, 'service-account.json');
    await writeFile(keyPath, JSON.stringify(account.keyFile));
    const imagen = { model: 'vertex_ai/imagen-4.0-generate-001', api_base: gemini.url, vertex_project: PROJECT, vertex_location: 'us-central1', vertex_credentials: keyPath };
    world = await startMediaGateway({}, { more: () => [{ model_name: 'imagen', litellm_params: imagen }] });
  });
  after(async () => {
    await world.close();
    await gemini.close();
    await tokens.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('generates: predict with sampleCount and aspect ratio, b64_json back, $0.04 an image', async () => {
    const key = await world.newKey();
    const { data: images, response } = await world.client(key).images.generate({ model: 'imagen', prompt: 'a red kite', n: 2, size: '1792x1024', response_format: 'url' }).withResponse();
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
    await assert.rejects(world.client().images.generate({ model: 'imagen', prompt: 'x', size: '256x256' }), (error: unknown) => error instanceof OpenAI.BadRequestError && error.param === 'size');
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
