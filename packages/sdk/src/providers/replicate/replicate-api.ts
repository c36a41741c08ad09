// The Replicate prediction fields llmux reads (lenient: the rest passes).

import { z } from 'zod';

export const replicatePredictionSchema = z.looseObject({
  id: z.string(),
  status: z.enum(['starting', 'processing', 'succeeded', 'failed', 'canceled', 'aborted']),
  // Language models answer an array of text pieces; some a single string.
  output: z.union([z.array(z.string()), z.string()]).nullish(),
  error: z.unknown().optional(),
  urls: z.looseObject({ get: z.string().optional(), stream: z.string().optional() }).nullish(),
  metrics: z.looseObject({ input_token_count: z.number().optional(), output_token_count: z.number().optional() }).nullish(),
});

export type ReplicatePrediction = z.infer<typeof replicatePredictionSchema>;

/** Replicate's error body: RFC 7807 problem details. */
export const replicateErrorSchema = z.looseObject({ detail: z.string(), title: z.string().optional() });
