// The fake Bedrock image models must be faithful: the official AWS SDK's InvokeModelCommand
// (SigV4-signed) drives Nova Canvas, Titan Image Generator and Stability bodies (generation
// and the edit services) here.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { InvokeModelCommand, ValidationException } from '@aws-sdk/client-bedrock-runtime';
import { startFakeBedrockUpstream } from './fake-bedrock-upstream.js';
import { FAKE_PNG } from './fake-openai-images.js';
import { useFakeBedrockRuntime } from './__fixtures__/use-fake-bedrock-runtime.js';

const CREDENTIALS = { accessKeyId: 'AKIDIMAGES', secretAccessKey: 'images-secret-key' };
const REGION = 'us-east-1';

describe('fake Bedrock image models, driven by the AWS SDK', () => {
  const suite = useFakeBedrockRuntime({ region: REGION, credentials: CREDENTIALS }, () => startFakeBedrockUpstream({ ...CREDENTIALS, region: REGION }));

  const invoke = async (modelId: string, body: unknown): Promise<{ images: string[] }> => {
    const output = await suite.client.send(new InvokeModelCommand({ modelId, contentType: 'application/json', accept: 'application/json', body: JSON.stringify(body) }));
    return JSON.parse(Buffer.from(output.body).toString('utf8')) as { images: string[] };
  };

  it('Nova Canvas and Titan Image: TEXT_IMAGE with numberOfImages', async () => {
    const nova = await invoke('amazon.nova-canvas-v1:0', {
      taskType: 'TEXT_IMAGE',
      textToImageParams: { text: 'a lamp' },
      imageGenerationConfig: { numberOfImages: 2, width: 1024, height: 1024, quality: 'premium' },
    });
    assert.equal(nova.images.length, 2);
    assert.deepEqual(Buffer.from(nova.images[0] ?? '', 'base64'), FAKE_PNG);
    const titan = await invoke('amazon.titan-image-generator-v2:0', { taskType: 'TEXT_IMAGE', textToImageParams: { text: 'a lamp' } });
    assert.equal(titan.images.length, 1);
    await assert.rejects(
      invoke('amazon.nova-canvas-v1:0', { taskType: 'TEXT_IMAGE', textToImageParams: { text: 'x' }, imageGenerationConfig: { width: 1000 } }),
      ValidationException,
    );
  });

  it('Stability: a prompt and an aspect ratio', async () => {
    const reply = await invoke('stability.sd3-5-large-v1:0', { prompt: 'a lamp', aspect_ratio: '16:9', mode: 'text-to-image', output_format: 'png' });
    assert.equal(reply.images.length, 1);
    await assert.rejects(invoke('stability.sd3-5-large-v1:0', { prompt: 'a lamp', aspect_ratio: '7:3' }), ValidationException);
  });

  it('Stability edit services: inpaint, search-replace, erase-object, remove-background', async () => {
    const image = FAKE_PNG.toString('base64');
    const inpaint = await invoke('us.stability.stable-image-inpaint-v1:0', { image, prompt: 'a red sofa', mask: image, output_format: 'png' });
    assert.deepEqual(Buffer.from(inpaint.images[0] ?? '', 'base64'), FAKE_PNG);
    const replaced = await invoke('us.stability.stable-image-search-replace-v1:0', { image, prompt: 'a cat', search_prompt: 'dog', output_format: 'webp' });
    assert.equal(replaced.images.length, 1);
    assert.equal((await invoke('us.stability.stable-image-erase-object-v1:0', { image })).images.length, 1);
    assert.equal((await invoke('us.stability.stable-image-remove-background-v1:0', { image })).images.length, 1);
    await assert.rejects(invoke('us.stability.stable-image-search-replace-v1:0', { image, prompt: 'a cat' }), ValidationException);
    await assert.rejects(invoke('us.stability.stable-image-remove-background-v1:0', { image, prompt: 'x' }), ValidationException);
  });
});
