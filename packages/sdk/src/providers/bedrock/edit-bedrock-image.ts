// Image edits on Bedrock's Amazon models (Nova Canvas, Titan Image Generator) through
// InvokeModel: with a mask, INPAINTING (the mask's black area is repainted from the prompt);
// without one, IMAGE_VARIATION guided by the prompt, as OpenAI's maskless edits change the whole
// image. One input image only. Stability's Image Services (inpaint, search-replace, ...) are
// their own model ids, handled in edit-bedrock-stability-image.ts.

import { BadRequestError } from '../../errors/error-classes.js';
import type { ImageEditRequest } from '../../image-edit.js';
import type { ImagesResponse } from '../../image-generation.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { amazonImageConfig, bedrockImageFamily, stabilityEditService } from './convert-to-bedrock-image-request.js';
import { editBedrockStabilityImage } from './edit-bedrock-stability-image.js';
import { invokeBedrockImageModel } from './generate-bedrock-image.js';
import { parseBedrockModel } from './parse-bedrock-model.js';

export async function editBedrockImage(request: ImageEditRequest, context: ProviderCallContext): Promise<ImagesResponse> {
  const model = parseBedrockModel(context.model);
  const service = stabilityEditService(model.modelId);
  if (service !== undefined) return editBedrockStabilityImage(service, model, request, context);
  if (bedrockImageFamily(model.modelId) !== 'amazon') {
    throw new BadRequestError(
      `bedrock model "${model.modelId}" edits no images here; use Nova Canvas, Titan Image Generator or a Stability edit model (stable-image-inpaint, -search-replace, -erase-object, -remove-background)`,
      {
        param: 'model',
        provider: 'bedrock',
        model: model.modelId,
      },
    );
  }
  const images = Array.isArray(request.image) ? request.image : [request.image];
  const first = images[0];
  if (first === undefined || images.length > 1) throw new BadRequestError('Bedrock edits one image at a time', { param: 'image', provider: 'bedrock', model: model.modelId });
  if (request.response_format === 'url') context.warnings.push('response_format url: Bedrock returns images inline, answered as b64_json');
  // An edit keeps the image's own size: only the count and quality are set.
  const config = amazonImageConfig(request);
  const body =
    request.mask === undefined
      ? { taskType: 'IMAGE_VARIATION', imageVariationParams: { images: [first.data.toString('base64')], text: request.prompt }, imageGenerationConfig: config }
      : {
          taskType: 'INPAINTING',
          inPaintingParams: { image: first.data.toString('base64'), text: request.prompt, maskImage: request.mask.data.toString('base64') },
          imageGenerationConfig: config,
        };
  return invokeBedrockImageModel(model, body, context);
}
