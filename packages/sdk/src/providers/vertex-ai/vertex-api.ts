// Vertex AI wire shapes beyond generateContent: the text-embedding `:predict` call.

import { z } from 'zod';

export interface VertexEmbeddingRequestBody {
  instances: Array<{ content: string }>;
  parameters?: { outputDimensionality?: number };
}

export const vertexEmbeddingResponseSchema = z.looseObject({
  predictions: z.array(
    z.looseObject({
      embeddings: z.looseObject({
        values: z.array(z.number()),
        statistics: z.looseObject({ token_count: z.number().nullish() }).nullish(),
      }),
    }),
  ),
});
export type VertexEmbeddingResponse = z.infer<typeof vertexEmbeddingResponseSchema>;

/** multimodalembedding's reply: one prediction, with the embedding of the text or the image sent. */
export const vertexMultimodalEmbeddingResponseSchema = z.looseObject({
  predictions: z.array(z.looseObject({ textEmbedding: z.array(z.number()).nullish(), imageEmbedding: z.array(z.number()).nullish() })),
});
