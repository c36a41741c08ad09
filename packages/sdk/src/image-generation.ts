// `imageGeneration()`: OpenAI's images API (`/v1/images/generations`) on any provider that
// makes images. The reply is OpenAI's ImagesResponse; its cost is per image by size and
// quality, or by tokens where the model reports usage (gpt-image).

import type { CallOptions } from './call-options.js';
import { createEntryPoints } from './create-entry-points.js';
import { withImageCost } from './image-cost.js';
import { resolveMediaProvider } from './providers/resolve-media-provider.js';
import type { ResponseMetadata } from './response-metadata.js';
import type { SplitCall } from './split-call.js';

export interface ImageGenerationRequest {
  model: string;
  prompt: string;
  n?: number;
  size?: string;
  quality?: string;
  response_format?: 'url' | 'b64_json';
  style?: string;
  background?: string;
  moderation?: string;
  output_format?: string;
  output_compression?: number;
  user?: string;
}

interface ImageData {
  url?: string;
  b64_json?: string;
  revised_prompt?: string;
}

interface ImagesUsage {
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  input_tokens_details?: { text_tokens?: number; image_tokens?: number };
}

export interface ImagesResponse {
  created: number;
  data: ImageData[];
  usage?: ImagesUsage;
  [field: string]: unknown;
}

export type ImageGenerationParams = ImageGenerationRequest & CallOptions;
export type ImagesResult = ImagesResponse & { readonly llmux: ResponseMetadata };

/** The body keys generations and edits share. */
export const IMAGE_COMMON_KEYS = ['model', 'prompt', 'n', 'size', 'quality', 'response_format', 'background', 'output_format', 'output_compression', 'user'] as const;

export const IMAGE_GENERATION_BODY_KEYS: ReadonlySet<string> = new Set<string>([...IMAGE_COMMON_KEYS, 'style', 'moderation']);

const entryPoints = createEntryPoints<ImageGenerationRequest, ImageGenerationParams, ImagesResult>(IMAGE_GENERATION_BODY_KEYS, imageGenerationCall);
export const imageGeneration = entryPoints.direct;
/** One Router attempt: `router.call(params, imageGenerationAttempt)`. */
export const imageGenerationAttempt = entryPoints.attempt;

/** `imageGeneration()` for arguments already split. */
export async function imageGenerationCall({ body, options, settings }: SplitCall<ImageGenerationRequest>): Promise<ImagesResult> {
  const target = resolveMediaProvider(body.model, 'generateImage', options, settings);
  const response = await target.media.generateImage({ ...body, model: target.model }, target.context);
  return withImageCost(response, target, body);
}
