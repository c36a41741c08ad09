// The rerank replies of the wire formats in rerank-endpoint.ts: minimal, lenient schemas.

import { z } from 'zod';

const documentSchema = z.union([z.string(), z.looseObject({ text: z.string().optional() })]).nullish();
const usageSchema = z.looseObject({ total_tokens: z.number().optional(), prompt_tokens: z.number().optional() }).nullish();

export const cohereStyleRerankSchema = z.looseObject({
  id: z.string().nullish(),
  results: z.array(z.looseObject({ index: z.number(), relevance_score: z.number(), document: documentSchema })),
  usage: usageSchema,
});

export const voyageRerankSchema = z.looseObject({
  data: z.array(z.looseObject({ index: z.number(), relevance_score: z.number(), document: documentSchema })),
  usage: usageSchema,
});

export const teiRerankSchema = z.array(z.looseObject({ index: z.number(), score: z.number(), text: z.string().nullish() }));
