// The body of POST /v1/completions (OpenAI's legacy Completions API), minimally validated:
// the fields the SDK takes, each in OpenAI's documented range.

import { TEXT_COMPLETION_BODY_KEYS } from 'llmux';
import { z } from 'zod';
import type { RequestShape } from '../operation.js';
import { endUserIdSchema } from '../../routes/end-user-id.js';

const tokenIds = z.array(z.number().int().nonnegative());

const completionsRequestSchema = z.looseObject({
  model: z.string().min(1),
  prompt: z.union([z.string(), z.array(z.string()), tokenIds, z.array(tokenIds)]),
  suffix: z.string().nullish(),
  echo: z.boolean().nullish(),
  logprobs: z.number().int().min(0).max(5).nullish(),
  max_tokens: z.number().int().nonnegative().nullish(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  n: z.number().int().min(1).max(128).nullish(),
  best_of: z.number().int().min(0).max(20).nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  logit_bias: z.record(z.string(), z.number()).nullish(),
  seed: z.number().int().nullish(),
  user: endUserIdSchema,
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
});

/** The body fields forwarded to the SDK; nothing else a client sends reaches it. */
export const COMPLETIONS_REQUEST_FIELDS: readonly string[] = [...TEXT_COMPLETION_BODY_KEYS];

export const COMPLETIONS_REQUEST: RequestShape = { schema: completionsRequestSchema };
