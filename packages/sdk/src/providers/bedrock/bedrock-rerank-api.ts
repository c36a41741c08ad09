// Bedrock Agent Runtime's Rerank reply: a minimal, lenient schema.

import { z } from 'zod';

export const bedrockRerankResponseSchema = z.looseObject({
  results: z.array(z.looseObject({ index: z.number(), relevanceScore: z.number() })),
  nextToken: z.string().nullish(),
});
