// Image edits on Stability's Image Services through Bedrock's InvokeModel, one model id per
// service: inpaint (prompt, optional mask; without one the image's alpha channel is the
// mask), search-replace (prompt and `search_prompt`, the object to find), erase-object
// (optional mask) and remove-background (the image alone). JSON bodies with base64 images;
// one image a call. What a service cannot take is refused with a 400 naming it.

import { BadRequestError } from '../../errors/error-classes.js';
import type { ImageEditRequest } from '../../image-edit.js';
import type { ImagesResponse } from '../../image-generation.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import type { StabilityEditService } from './convert-to-bedrock-image-request.js';
import { invokeBedrockImageModel } from './generate-bedrock-image.js';
import type { BedrockModel } from './parse-bedrock-model.js';

const OUTPUT_FORMATS: ReadonlySet<string> = new Set(['png', 'jpeg', 'webp']);

export function editBedrockStabilityImage(service: StabilityEditService, model: BedrockModel, request: ImageEditRequest, context: ProviderCallContext): Promise<ImagesResponse> {
  const refuse = (message: string, param: string): BadRequestError => new BadRequestError(message, { param, provider: 'bedrock', model: model.modelId });
  const images = Array.isArray(request.image) ? request.image : [request.image];
  const image = images[0];
  if (image === undefined || images.length > 1) throw refuse('Stability edits one image at a time', 'image');
  if ((request.n ?? 1) !== 1) throw refuse('Stability edits on Bedrock make one image a call: n must be 1', 'n');
  const warnings = context.warnings;
  if (request.response_format === 'url') warnings.push('response_format url: Bedrock returns images inline, answered as b64_json');
  if (request.size !== undefined && request.size !== 'auto') warnings.push(`size ${request.size}: a Stability edit keeps the image's size, dropped`);
  if (request.quality !== undefined && request.quality !== 'auto') warnings.push(`quality ${request.quality}: Stability edits have no quality setting, dropped`);
  const format = request.output_format ?? 'png';
  if (!OUTPUT_FORMATS.has(format)) throw refuse(`Stability answers png, jpeg or webp, not ${format}`, 'output_format');
  const body: Record<string, unknown> = { image: image.data.toString('base64'), output_format: format };
  switch (service) {
    case 'inpaint':
      body['prompt'] = request.prompt;
      if (request.mask !== undefined) body['mask'] = request.mask.data.toString('base64');
      break;
    case 'search-replace':
      if (request.search_prompt === undefined || request.search_prompt === '')
        throw refuse('search-replace needs `search_prompt`: what to find in the image and replace', 'search_prompt');
      if (request.mask !== undefined) throw refuse('search-replace finds its area from search_prompt and takes no mask', 'mask');
      body['prompt'] = request.prompt;
      body['search_prompt'] = request.search_prompt;
      break;
    case 'erase-object':
      // Erasing takes no prompt: what goes is the masked area (or the image's transparent one).
      warnings.push('prompt: erase-object takes none, dropped');
      if (request.mask !== undefined) body['mask'] = request.mask.data.toString('base64');
      break;
    case 'remove-background':
      warnings.push('prompt: remove-background takes none, dropped');
      if (request.mask !== undefined) throw refuse('remove-background takes no mask', 'mask');
      break;
  }
  if (service !== 'search-replace' && request.search_prompt !== undefined) throw refuse(`search_prompt is for search-replace models, not ${service}`, 'search_prompt');
  return invokeBedrockImageModel(model, body, context);
}
