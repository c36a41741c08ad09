// /v1/images/generations and /v1/images/edits through the gateway with the official openai
// client, on OpenAI and on Azure OpenAI (fake upstreams speaking their wire): what reaches
// the upstream, the reply, the spend row's cost and call_type, model access and budgets.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FAKE_EDIT_IMAGE_TOKENS, FAKE_PNG, readFakeForm } from '@llmux/fake-upstreams';
import OpenAI, { toFile } from 'openai';
import { MEDIA_AZURE_KEY, MEDIA_MAX_REQUEST_MB, MEDIA_UPSTREAM_KEY, startMediaGateway, type MediaGateway } from './helpers/media-gateway.js';
import { assertRefusedBeforeUpstream, overBudget } from './helpers/refused-before-upstream.js';

describe('images through the gateway', () => {
  let world: MediaGateway;

  before(async () => {
    world = await startMediaGateway({ 'dall-e': 'dall-e-3', 'gpt-image': 'gpt-image-1', 'dall-e-2': 'dall-e-2' });
  });
  after(() => world.close());

  const lastUpstream = () => {
    const request = world.upstream.requests.at(-1);
    assert.ok(request !== undefined, 'the upstream was called');
    return request;
  };

  it('generates with dall-e-3 on OpenAI: the body as sent, URLs back, priced per image by size and quality', async () => {
    const key = await world.newKey();
    const images = await world.client(key).images.generate({ model: 'dall-e', prompt: 'a lighthouse at dusk', size: '1792x1024', quality: 'hd', n: 1, style: 'vivid' });
    assert.equal(images.data?.length, 1);
    assert.match(images.data?.[0]?.url ?? '', /^http:\/\/127\.0\.0\.1:\d+\/fake-images\/img-0\.png$/);
    assert.equal(images.data?.[0]?.revised_prompt, 'a lighthouse at dusk');
    const sent = lastUpstream();
    assert.equal(sent.url, '/v1/images/generations');
    assert.equal(sent.headers.authorization, `Bearer ${MEDIA_UPSTREAM_KEY}`);
    assert.deepEqual(sent.json, { model: 'dall-e-3', prompt: 'a lighthouse at dusk', size: '1792x1024', quality: 'hd', n: 1, style: 'vivid' });
    const [row] = await world.spendRows(key, 1);
    assert.equal(row?.metadata?.['call_type'], 'aimage_generation');
    assert.equal(row?.model_group, 'dall-e');
    assert.ok(Math.abs((row?.spend ?? 0) - 0.12) < 1e-9, `hd 1792x1024 costs $0.12, got ${row?.spend}`);
  });

  it('answers b64_json when asked, and n images priced n times (dall-e-2 at 256x256)', async () => {
    const { data: images, response } = await world
      .client()
      .images.generate({ model: 'dall-e-2', prompt: 'a cat', n: 3, size: '256x256', response_format: 'b64_json' })
      .withResponse();
    assert.equal(images.data?.length, 3);
    assert.deepEqual(Buffer.from(images.data?.[0]?.b64_json ?? '', 'base64'), FAKE_PNG);
    assert.ok(Math.abs(Number(response.headers.get('x-litellm-response-cost')) - 0.048) < 1e-9);
  });

  it('prices gpt-image-1 by the tokens its reply reports', async () => {
    const key = await world.newKey();
    const images = await world.client(key).images.generate({ model: 'gpt-image', prompt: 'two words', quality: 'low' });
    assert.equal(images.usage?.output_tokens, 272);
    assert.deepEqual(Buffer.from(images.data?.[0]?.b64_json ?? '', 'base64'), FAKE_PNG);
    const [row] = await world.spendRows(key, 1);
    // 2 text tokens at $5/M, 272 output tokens at $40/M.
    assert.ok(Math.abs((row?.spend ?? 0) - (2 * 5e-6 + 272 * 40e-6)) < 1e-12, `cost ${row?.spend}`);
    assert.equal(row?.prompt_tokens, 2);
    assert.equal(row?.completion_tokens, 272);
  });

  it('generates on Azure: the deployment path, api-version and api-key', async () => {
    const images = await world.client().images.generate({ model: 'azure-dall-e', prompt: 'a fox', response_format: 'url' });
    assert.equal(images.data?.length, 1);
    const sent = lastUpstream();
    assert.equal(sent.url, '/openai/deployments/dall-e-3/images/generations?api-version=2025-04-01-preview');
    assert.equal(sent.headers['api-key'], MEDIA_AZURE_KEY);
  });

  it('edits on OpenAI: one multipart upload with the image bytes, mask and fields as sent', async () => {
    const key = await world.newKey();
    const image = await toFile(FAKE_PNG, 'room.png', { type: 'image/png' });
    const mask = await toFile(Buffer.concat([FAKE_PNG, Buffer.from([0])]), 'mask.png', { type: 'image/png' });
    const edited = await world.client(key).images.edit({ model: 'gpt-image', prompt: 'add a sofa', image, mask, n: 2, quality: 'medium', size: '1024x1536' });
    assert.equal(edited.data?.length, 2);
    const sent = lastUpstream();
    assert.equal(sent.url, '/v1/images/edits');
    const form = await readFakeForm(sent);
    assert.ok(form !== undefined, `multipart reached the upstream (${sent.headers['content-type']})`);
    assert.deepEqual(form.fields, { model: 'gpt-image-1', prompt: 'add a sofa', n: '2', quality: 'medium', size: '1024x1536' });
    assert.deepEqual(form.files['image']?.[0], { name: 'room.png', type: 'image/png', bytes: FAKE_PNG });
    assert.equal(form.files['mask']?.[0]?.bytes.length, FAKE_PNG.length + 1);
    assert.equal(Number(sent.headers['content-length']), sent.body.length, 'sent with its length, not chunked');
    const [row] = await world.spendRows(key, 1);
    assert.equal(row?.metadata?.['call_type'], 'aimage_edit');
    // 3 text tokens at $5/M, one image's tokens at $10/M, 2 × 1584 output tokens at $40/M.
    const expected = 3 * 5e-6 + FAKE_EDIT_IMAGE_TOKENS * 10e-6 + 2 * 1584 * 40e-6;
    assert.ok(Math.abs((row?.spend ?? 0) - expected) < 1e-12, `cost ${row?.spend}, expected ${expected}`);
  });

  it('edits with several images (image[]) on Azure', async () => {
    const images = [await toFile(FAKE_PNG, 'a.png', { type: 'image/png' }), await toFile(FAKE_PNG, 'b.png', { type: 'image/png' })];
    const edited = await world.client().images.edit({ model: 'azure-gpt-image', prompt: 'merge them', image: images });
    assert.equal(edited.data?.length, 1);
    const sent = lastUpstream();
    assert.equal(sent.url, '/openai/deployments/gpt-image-1/images/edits?api-version=2025-04-01-preview');
    const form = await readFakeForm(sent);
    assert.deepEqual(
      form?.files['image[]']?.map((file) => file.name),
      ['a.png', 'b.png'],
    );
    assert.equal(edited.usage?.input_tokens_details?.image_tokens, 2 * FAKE_EDIT_IMAGE_TOKENS);
  });

  it('leaves out fields it does not know with a warning, and refuses stream: true', async () => {
    const response = await fetch(`${world.gateway.url}/v1/images/generations`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-master-media', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'dall-e', prompt: 'x', api_base: 'http://evil.example', seed: 7 }),
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-llmux-warnings'), 'unknown fields dropped: api_base, seed');
    assert.deepEqual(lastUpstream().json, { model: 'dall-e-3', prompt: 'x' });
    await assert.rejects(
      world.client().images.generate({ model: 'gpt-image', prompt: 'x', stream: true }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && error.param === 'stream',
    );
  });

  it('refuses a key without access to the model, before any upstream call', async () => {
    const key = await world.newKey({ models: ['dall-e-2'] });
    const calls = world.upstream.requests.length;
    await assert.rejects(
      world.client(key).images.generate({ model: 'dall-e', prompt: 'x' }),
      (error: unknown) => error instanceof OpenAI.AuthenticationError && /not allowed to access model dall-e/.test(error.message),
    );
    const image = await toFile(FAKE_PNG, 'x.png', { type: 'image/png' });
    await assert.rejects(world.client(key).images.edit({ model: 'gpt-image', prompt: 'x', image }), OpenAI.AuthenticationError);
    assert.equal(world.upstream.requests.length, calls);
  });

  it('refuses a key over its budget, before any upstream call', async () => {
    const key = await world.newKey({ max_budget: 0.01 });
    await world.client(key).images.generate({ model: 'dall-e', prompt: 'first' });
    await assertRefusedBeforeUpstream(
      () => world.client(key).images.generate({ model: 'dall-e', prompt: 'second' }),
      overBudget,
      () => world.upstream.requests.length,
    );
  });

  it('refuses bad edits bodies with OpenAI-shaped 400s and an oversized one with 413', async () => {
    const post = (body: string | FormData, headers: Record<string, string> = {}) =>
      fetch(`${world.gateway.url}/v1/images/edits`, { method: 'POST', headers: { authorization: 'Bearer sk-master-media', ...headers }, body });
    const asJson = await post(JSON.stringify({ model: 'gpt-image', prompt: 'x' }), { 'content-type': 'application/json' });
    assert.equal(asJson.status, 400);
    assert.equal(((await asJson.json()) as { error: { code: string } }).error.code, 'invalid_content_type');

    const truncated = await post(
      '--b\r\nContent-Disposition: form-data; name="model"\r\n\r\ngpt-image\r\n--b\r\nContent-Disposition: form-data; name="image"; filename="a.png"\r\n\r\nabc',
      { 'content-type': 'multipart/form-data; boundary=b' },
    );
    assert.equal(truncated.status, 400);
    const error = ((await truncated.json()) as { error: { type: string; code: string } }).error;
    assert.deepEqual([error.type, error.code], ['invalid_request_error', 'invalid_multipart']);

    const form = new FormData();
    form.append('model', 'gpt-image');
    form.append('image', new Blob([FAKE_PNG], { type: 'image/png' }), 'a.png');
    const noPrompt = await post(form);
    assert.equal(noPrompt.status, 400);
    assert.match(((await noPrompt.json()) as { error: { message: string } }).error.message, /Missing required parameter: 'prompt'/);

    const textForImage = new FormData();
    textForImage.append('model', 'gpt-image');
    textForImage.append('prompt', 'x');
    textForImage.append('image', 'not a file');
    const notAFile = await post(textForImage);
    assert.equal(notAFile.status, 400);
    assert.equal(((await notAFile.json()) as { error: { param: string } }).error.param, 'image');

    const crowded = new FormData();
    crowded.append('model', 'gpt-image');
    crowded.append('prompt', 'x');
    for (let index = 0; index < 100; index += 1) crowded.append(`f${index}`, 'y');
    const tooMany = await post(crowded);
    assert.equal(tooMany.status, 400);
    assert.equal(((await tooMany.json()) as { error: { code: string } }).error.code, 'too_many_parts');

    const proto = new FormData();
    proto.append('__proto__', 'polluted');
    proto.append('model', 'gpt-image');
    proto.append('prompt', 'x');
    proto.append('image', new Blob([FAKE_PNG], { type: 'image/png' }), 'a.png');
    const withProto = await post(proto);
    assert.equal(withProto.status, 200, 'a __proto__ field is only an unknown field');
    assert.equal(withProto.headers.get('x-llmux-warnings'), 'unknown fields dropped: __proto__');

    const huge = new FormData();
    huge.append('model', 'gpt-image');
    huge.append('prompt', 'x');
    huge.append('image', new Blob([Buffer.alloc(MEDIA_MAX_REQUEST_MB * 1024 * 1024 + 1)], { type: 'image/png' }), 'big.png');
    const tooLarge = await fetch(`${world.gateway.url}/v1/images/edits`, { method: 'POST', headers: { authorization: 'Bearer sk-master-media' }, body: huge });
    assert.equal(tooLarge.status, 413);
    assert.equal(((await tooLarge.json()) as { error: { code: string } }).error.code, 'request_too_large');
  });
});
