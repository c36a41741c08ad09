// The bodies of /v1/images/generations (JSON) and /v1/images/edits (multipart, so numbers
// arrive as text and are coerced), minimally validated; the fields listed are the ones
// forwarded to the SDK, nothing else a client sends reaches it.

import { z } from 'zod';
import { endUserIdSchema } from '../../routes/end-user-id.js';
import type { RequestShape } from '../operation.js';
import { mediaFields } from './audio-images-fields.js';
import { uploadFileSchema } from '../../http/multipart-file-schema.js';

/** Streamed partial images are not served: `stream: true` is refused, not answered whole. */
const notStreamed = z.union([z.literal(false), z.literal('false')], { message: 'streaming is not supported on this route' }).optional();

const imageOptions = {
  model: z.string().min(1),
  prompt: z.string().min(1),
  n: z.coerce.number().int().min(1).max(10).optional(),
  size: z.string().optional(),
  quality: z.string().optional(),
  response_format: z.enum(['url', 'b64_json']).optional(),
  background: z.string().optional(),
  output_format: z.string().optional(),
  output_compression: z.coerce.number().int().min(0).max(100).optional(),
  user: endUserIdSchema,
  stream: notStreamed,
};

const imageGenerationSchema = z.looseObject({
  ...imageOptions,
  style: z.string().optional(),
  moderation: z.string().optional(),
});

const imageEditSchema = z.looseObject({
  ...imageOptions,
  image: z.union([uploadFileSchema, z.array(uploadFileSchema).min(1).max(16)]),
  mask: uploadFileSchema.optional(),
  input_fidelity: z.string().optional(),
  // Stability's search-replace on Bedrock: what to find and replace (refused or dropped elsewhere).
  search_prompt: z.string().min(1).optional(),
});

export const IMAGE_GENERATION_REQUEST: RequestShape = { schema: imageGenerationSchema };
export const IMAGE_GENERATION_FIELDS = mediaFields(Object.keys(imageGenerationSchema.shape).filter((name) => name !== 'stream'));
export const IMAGE_EDIT_REQUEST: RequestShape = { schema: imageEditSchema };
export const IMAGE_EDIT_FIELDS = mediaFields(Object.keys(imageEditSchema.shape).filter((name) => name !== 'stream'));
