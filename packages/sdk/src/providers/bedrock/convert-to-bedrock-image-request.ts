// OpenAI's image generation request as an InvokeModel body, by model family: Amazon's (Nova
// Canvas, Titan Image Generator: TEXT_IMAGE with numberOfImages, width × height and a
// standard/premium quality) and Stability's (SD3.5, Stable Image Core/Ultra: a prompt and an
// aspect ratio, one image a call). What a family cannot take is refused with a 400 naming it.

import { BadRequestError } from '../../errors/error-classes.js';
import type { ImageGenerationRequest } from '../../image-generation.js';

export type BedrockImageFamily = 'amazon' | 'stability';

export function bedrockImageFamily(modelId: string): BedrockImageFamily | undefined {
  if (modelId.includes('nova-canvas') || modelId.includes('titan-image-generator')) return 'amazon';
  if (modelId.includes('stability.')) return 'stability';
  return undefined;
}

/** Stability's Image Services on Bedrock that llmux maps OpenAI's edit onto, by model id. */
export type StabilityEditService = 'inpaint' | 'search-replace' | 'erase-object' | 'remove-background';

const STABILITY_EDIT_SERVICES: readonly StabilityEditService[] = ['inpaint', 'search-replace', 'erase-object', 'remove-background'];

/** `stability.stable-image-inpaint-v1:0` → 'inpaint'; undefined for a generation model. */
export function stabilityEditService(modelId: string): StabilityEditService | undefined {
  if (!modelId.includes('stability.stable-image-')) return undefined;
  return STABILITY_EDIT_SERVICES.find((service) => modelId.includes(`stable-image-${service}-`));
}

/** The count, and OpenAI's qualities in Amazon's two: hd and high are premium, the rest standard. */
export function amazonImageConfig(request: { n?: number | undefined; quality?: string | undefined }): { numberOfImages: number; quality: 'standard' | 'premium' } {
  const quality = request.quality;
  return { numberOfImages: request.n ?? 1, quality: quality === 'hd' || quality === 'high' || quality === 'premium' ? 'premium' : 'standard' };
}

const STABILITY_RATIOS: Readonly<Record<string, string>> = {
  '1024x1024': '1:1',
  '1792x1024': '16:9',
  '1024x1792': '9:16',
  '1536x1024': '3:2',
  '1024x1536': '2:3',
};

export function convertToBedrockImageRequest(family: BedrockImageFamily, request: ImageGenerationRequest, warnings: string[]): Record<string, unknown> {
  if (request.response_format === 'url') warnings.push('response_format url: Bedrock returns images inline, answered as b64_json');
  const format = request.output_format === 'jpeg' ? 'jpeg' : 'png';
  if (family === 'amazon') {
    const [width, height] = parseSize(request.size ?? '1024x1024', request.model);
    return {
      taskType: 'TEXT_IMAGE',
      textToImageParams: { text: request.prompt },
      imageGenerationConfig: { ...amazonImageConfig(request), width, height },
    };
  }
  if ((request.n ?? 1) !== 1) throw new BadRequestError('Stability models on Bedrock make one image a call: n must be 1', { param: 'n', model: request.model });
  const body: Record<string, unknown> = { prompt: request.prompt, mode: 'text-to-image', output_format: format };
  if (request.size !== undefined && request.size !== 'auto') {
    const ratio = STABILITY_RATIOS[request.size];
    if (ratio === undefined)
      throw new BadRequestError(`Stability models do not make images of size ${request.size}; use one of ${Object.keys(STABILITY_RATIOS).join(', ')}`, {
        param: 'size',
        model: request.model,
      });
    body['aspect_ratio'] = ratio;
  }
  return body;
}

function parseSize(size: string, model: string): [number, number] {
  const match = /^(\d+)x(\d+)$/.exec(size === 'auto' ? '1024x1024' : size);
  if (match === null) throw new BadRequestError(`size must be WIDTHxHEIGHT, got ${size}`, { param: 'size', model });
  return [Number(match[1]), Number(match[2])];
}
