// Image generation on Bedrock through InvokeModel (SigV4 by the shared AWS code): Nova Canvas,
// Titan Image Generator and Stability models answer `{ images: [base64, ...] }`, returned as
// OpenAI's b64_json. A model of none of these families is refused with a 400.

import { z } from 'zod';
import { BadRequestError, BadGatewayError } from '../../errors/error-classes.js';
import type { ImageGenerationRequest, ImagesResponse } from '../../image-generation.js';
import { parseAwsBody } from '../aws/parse-aws-body.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { bedrockImageFamily, convertToBedrockImageRequest, stabilityEditService } from './convert-to-bedrock-image-request.js';
import { parseBedrockModel, type BedrockModel } from './parse-bedrock-model.js';
import { sendBedrockRequest } from './send-bedrock-request.js';

const bedrockImagesSchema = z.looseObject({
  images: z.array(z.string()).default([]),
  error: z.string().nullish(),
  // Stability's: null per image, or why the image was withheld (`Filter reason: ...`).
  finish_reasons: z.array(z.string().nullable()).optional(),
});

export async function generateBedrockImage(request: ImageGenerationRequest, context: ProviderCallContext): Promise<ImagesResponse> {
  const model = parseBedrockModel(context.model);
  const family = bedrockImageFamily(model.modelId);
  if (stabilityEditService(model.modelId) !== undefined) {
    throw new BadRequestError(`bedrock model "${model.modelId}" edits images and makes none from a prompt alone; call /v1/images/edits`, {
      param: 'model',
      provider: 'bedrock',
      model: model.modelId,
    });
  }
  if (family === undefined) {
    throw new BadRequestError(`bedrock model "${model.modelId}" makes no images here; use Nova Canvas, Titan Image Generator or a Stability model`, {
      param: 'model',
      provider: 'bedrock',
      model: model.modelId,
    });
  }
  return invokeBedrockImageModel(model, convertToBedrockImageRequest(family, request, context.warnings), context);
}

/** One InvokeModel call to an image model, its base64 images as OpenAI's b64_json. */
export async function invokeBedrockImageModel(model: BedrockModel, body: Record<string, unknown>, context: ProviderCallContext): Promise<ImagesResponse> {
  const call = await sendBedrockRequest(model.pathId, 'invoke', body, context);
  const reply = await parseAwsBody(call, bedrockImagesSchema, context, 'an image list');
  if (typeof reply.error === 'string' && reply.error !== '') throw new BadGatewayError(`bedrock: ${reply.error}`, { provider: 'bedrock', model: model.modelId });
  const withheld = reply.finish_reasons?.find((reason) => reason !== null);
  if (withheld !== undefined && reply.images.length === 0)
    throw new BadRequestError(`bedrock: ${withheld}`, { provider: 'bedrock', model: model.modelId, code: 'content_policy_violation' });
  return { created: Math.floor(Date.now() / 1000), data: reply.images.map((image) => ({ b64_json: image })) };
}
