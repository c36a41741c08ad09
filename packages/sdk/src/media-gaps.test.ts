// The SDK's media functions on the providers added for issue #20's gaps, called directly:
// imageEdit() on Stability's inpaint model on Bedrock and imageGeneration() on Imagen through AI
// Studio, each against its fake (the wire checked on the fake's side, the cost from the
// catalog); speech() on gpt-4o-mini-tts settles its cost from the reported tokens once the
// audio has been read; and a media call to a row that declares no media is refused by name.

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { FAKE_PNG, fakeSpeechBytes, startFakeBedrockUpstream, startFakeGeminiMediaUpstream, startFakeOpenAIMediaUpstream, type FakeServer } from '@llmux/fake-upstreams';
import { BadRequestError } from './errors/error-classes.js';
import { imageEdit, imageGeneration, speech } from './index.js';

describe('SDK media functions on the #20 gap providers', () => {
  let bedrock: FakeServer;
  let google: FakeServer;
  let openai: FakeServer;
  const AWS = { accessKeyId: 'AKIASDKEDITS00000001', secretAccessKey: 'sdk/edits/secret/000000000000000000000' };
  const png = { data: FAKE_PNG, filename: 'room.png', contentType: 'image/png' };

  before(async () => {
    bedrock = await startFakeBedrockUpstream({ ...AWS, region: 'us-west-2' });
    google = await startFakeGeminiMediaUpstream({ apiKey: 'studio-sdk' });
    openai = await startFakeOpenAIMediaUpstream({ apiKey: 'sk-sdk', speechPauseMs: 1 });
  });
  after(async () => {
    await bedrock.close();
    await google.close();
    await openai.close();
  });

  it('imageEdit() on bedrock/stability.stable-image-inpaint: image, prompt and mask as base64 JSON, $0.07', async () => {
    const result = await imageEdit({
      model: 'bedrock/stability.stable-image-inpaint-v1:0',
      prompt: 'a red sofa',
      image: png,
      mask: { ...png, filename: 'mask.png' },
      aws_access_key_id: AWS.accessKeyId,
      aws_secret_access_key: AWS.secretAccessKey,
      aws_region_name: 'us-west-2',
      aws_bedrock_runtime_endpoint: bedrock.url,
    });
    assert.deepEqual(Buffer.from(result.data[0]?.b64_json ?? '', 'base64'), FAKE_PNG);
    assert.equal(bedrock.requests.at(-1)?.url, '/model/stability.stable-image-inpaint-v1%3A0/invoke');
    assert.deepEqual(bedrock.requests.at(-1)?.json, { image: FAKE_PNG.toString('base64'), output_format: 'png', prompt: 'a red sofa', mask: FAKE_PNG.toString('base64') });
    assert.equal(result.llmux.cost, 0.07);
  });

  it('imageGeneration() on gemini/imagen-4.0-generate-001: AI Studio predict with the key, $0.04 an image', async () => {
    const result = await imageGeneration({ model: 'gemini/imagen-4.0-generate-001', prompt: 'a kite', n: 2, api_base: google.url, api_key: 'studio-sdk' });
    assert.equal(result.data.length, 2);
    assert.equal(google.requests.at(-1)?.url, '/v1beta/models/imagen-4.0-generate-001:predict');
    assert.equal(google.requests.at(-1)?.headers['x-goog-api-key'], 'studio-sdk');
    assert.equal(result.llmux.cost, 0.08);
  });

  it('speech() on gpt-4o-mini-tts: no cost until the audio ends, then the reported tokens priced', async () => {
    const result = await speech({ model: 'openai/gpt-4o-mini-tts', voice: 'alloy', input: 'hello', api_base: `${openai.url}/v1`, api_key: 'sk-sdk' });
    assert.equal(result.llmux.cost, null);
    const chunks: Buffer[] = [];
    for await (const chunk of result.audio) chunks.push(chunk as Buffer);
    assert.deepEqual(Buffer.concat(chunks), Buffer.concat(fakeSpeechBytes('hello')));
    const settled = result.settle();
    // The fake reports ceil(5 / 4) = 2 input tokens and 100 audio tokens.
    assert.deepEqual(settled.usage, { input_tokens: 2, output_tokens: 100 });
    assert.ok(Math.abs((settled.cost ?? 0) - (2 * 0.6e-6 + 100 * 12e-6)) < 1e-15, `cost ${settled.cost}`);
    assert.equal(result.llmux.cost, settled.cost);
  });

  it('refuses image edits on a row that declares none, naming the provider and the operation', async () => {
    const calls = openai.requests.length;
    await assert.rejects(
      imageEdit({ model: 'groq/some-model', prompt: 'x', image: png, api_base: `${openai.url}/openai/v1`, api_key: 'k' }),
      (error: unknown) => error instanceof BadRequestError && error.message === 'provider "groq" does not offer image edits',
    );
    assert.equal(openai.requests.length, calls);
  });
});
