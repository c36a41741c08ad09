// InvokeModel embedding replies → the canonical embedding list. Titan counts its tokens in
// the body; Cohere only in the `x-amzn-bedrock-input-token-count` header every InvokeModel
// answer carries. `encoding_format: "base64"` is OpenAI's: little-endian float32 bytes.

import type { Embedding, EmbeddingResponse } from '../../spec/index.js';

export interface BedrockEmbeddingResult {
  vectors: number[][];
  tokens: number;
}

export function convertBedrockEmbeddingResponse(
  results: readonly BedrockEmbeddingResult[],
  options: { model: string; encodingFormat: 'float' | 'base64' | undefined },
): EmbeddingResponse {
  const data: Embedding[] = [];
  let tokens = 0;
  for (const result of results) {
    tokens += result.tokens;
    for (const vector of result.vectors) {
      data.push({ object: 'embedding', index: data.length, embedding: options.encodingFormat === 'base64' ? toBase64(vector) : vector });
    }
  }
  return { object: 'list', data, model: options.model, usage: { prompt_tokens: tokens, total_tokens: tokens } };
}

function toBase64(vector: number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => bytes.writeFloatLE(value, index * 4));
  return bytes.toString('base64');
}
