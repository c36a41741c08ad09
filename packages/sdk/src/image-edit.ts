// `imageEdit()`: OpenAI's `/v1/images/edits` (a prompt, one or more images, an optional mask)
// on any provider that edits images. Priced as image generation.

import type { CallOptions } from './call-options.js';
import { createEntryPoints } from './create-entry-points.js';
import { withImageCost } from './image-cost.js';
import { IMAGE_COMMON_KEYS, type ImagesResult } from './image-generation.js';
import { resolveMediaProvider } from './providers/resolve-media-provider.js';
import type { SplitCall } from './split-call.js';
import type { UploadFile } from './upload-file.js';

export interface ImageEditRequest {
  model: string;
  prompt: string;
  /** One image, or several (gpt-image), sent as `image` or `image[]`. */
  image: UploadFile | UploadFile[];
  mask?: UploadFile;
  n?: number;
  size?: string;
  quality?: string;
  response_format?: 'url' | 'b64_json';
  background?: string;
  input_fidelity?: string;
  /** Stability's search-replace on Bedrock: the object to find and replace with `prompt`. */
  search_prompt?: string;
  output_format?: string;
  output_compression?: number;
  user?: string;
}

export type ImageEditParams = ImageEditRequest & CallOptions;

export const IMAGE_EDIT_BODY_KEYS: ReadonlySet<string> = new Set<string>([...IMAGE_COMMON_KEYS, 'image', 'mask', 'input_fidelity', 'search_prompt']);

const entryPoints = createEntryPoints<ImageEditRequest, ImageEditParams, ImagesResult>(IMAGE_EDIT_BODY_KEYS, imageEditCall);
export const imageEdit = entryPoints.direct;
/** One Router attempt: `router.call(params, imageEditAttempt)`. */
export const imageEditAttempt = entryPoints.attempt;

/** `imageEdit()` for arguments already split. */
export async function imageEditCall({ body, options, settings }: SplitCall<ImageEditRequest>): Promise<ImagesResult> {
  const target = resolveMediaProvider(body.model, 'editImage', options, settings);
  const response = await target.media.editImage({ ...body, model: target.model }, target.context);
  return withImageCost(response, target, body);
}
