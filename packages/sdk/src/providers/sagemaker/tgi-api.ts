// The shapes a Hugging Face TGI container answers a generate body with, behind SageMaker:
// a list of `{generated_text, details?}` (TGI's compat route; a bare object is read too),
// and, streamed, one event per token with the whole text and the stream details on the last.
// Lenient: fields llmux does not read are kept out of the way, not refused.

import { z } from 'zod';

const details = z.looseObject({
  /** `eos_token`, `length` or `stop_sequence`. */
  finish_reason: z.string().nullish(),
  generated_tokens: z.number().nullish(),
  /** Streams only, TGI ≥ 2: the prompt's token count. */
  input_length: z.number().nullish(),
});

const generation = z.looseObject({ generated_text: z.string(), details: details.nullish() });

export const tgiGenerationSchema = z.union([z.array(generation).min(1), generation]).transform((body) => (Array.isArray(body) ? body[0] : body));

export const tgiStreamEventSchema = z.union([
  z.looseObject({
    token: z.looseObject({ text: z.string(), special: z.boolean().nullish() }),
    generated_text: z.string().nullish(),
    details: details.nullish(),
  }),
  z.looseObject({ error: z.string(), error_type: z.string().nullish() }),
]);

export type TgiDetails = z.output<typeof details>;
