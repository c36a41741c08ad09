// The fields of an embeddings body the gateway forwards, minimally validated.

import { z } from 'zod';
import type { RequestShape } from '../core/operation.js';
import { endUserIdSchema } from './end-user-id.js';

export const embeddingRequestSchema = z.looseObject({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(z.string()), z.array(z.number()), z.array(z.array(z.number()))]),
  encoding_format: z.enum(['float', 'base64']).nullish(),
  dimensions: z.number().int().positive().nullish(),
  user: endUserIdSchema,
});

/** The OpenAI body fields forwarded to the SDK; nothing else in the body reaches it. */
export const EMBEDDING_REQUEST_FIELDS = Object.keys(embeddingRequestSchema.shape);

export const EMBEDDING_REQUEST: RequestShape = { schema: embeddingRequestSchema };
