// Embeddings through InvokeModel: one call per Titan or Nova text or Cohere batch, a few at a time
// so that a long input list neither runs serially nor floods the account's rate limit.

import { headerValue } from '../../http/read-body.js';
import type { EmbeddingRequest, EmbeddingResponse } from '../../spec/index.js';
import { parseAwsBody } from '../aws/parse-aws-body.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { cohereEmbeddingResponseSchema, novaEmbeddingResponseSchema, titanEmbeddingResponseSchema } from './bedrock-api.js';
import { convertBedrockEmbeddingResponse, type BedrockEmbeddingResult } from './convert-bedrock-embedding-response.js';
import { convertToBedrockEmbeddingRequests, type BedrockEmbeddingFamily } from './convert-to-bedrock-embedding-request.js';
import type { BedrockModel } from './parse-bedrock-model.js';
import { sendBedrockRequest } from './send-bedrock-request.js';

const CONCURRENT_CALLS = 8;

export async function embedWithBedrock(request: EmbeddingRequest, model: BedrockModel, context: ProviderCallContext): Promise<EmbeddingResponse> {
  const { family, bodies } = convertToBedrockEmbeddingRequests(request, { modelId: model.modelId, settings: context.settings, warnings: context.warnings });
  const results: BedrockEmbeddingResult[] = new Array<BedrockEmbeddingResult>(bodies.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < bodies.length) {
      const index = next++;
      try {
        results[index] = await embedOnce(family, bodies[index] as Record<string, unknown>, model, context);
      } catch (error) {
        // One failed call fails the request: start no more.
        next = bodies.length;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_CALLS, bodies.length) }, worker));
  return convertBedrockEmbeddingResponse(results, { model: model.modelId, encodingFormat: request.encoding_format });
}

async function embedOnce(family: BedrockEmbeddingFamily, body: Record<string, unknown>, model: BedrockModel, context: ProviderCallContext): Promise<BedrockEmbeddingResult> {
  const call = await sendBedrockRequest(model.pathId, 'invoke', body, context);
  const headerTokens = Number(headerValue(call.response.headers, 'x-amzn-bedrock-input-token-count') ?? Number.NaN);
  switch (family) {
    case 'titan': {
      const reply = await parseAwsBody(call, titanEmbeddingResponseSchema, context, 'a Titan embedding');
      return { vectors: [reply.embedding], tokens: reply.inputTextTokenCount ?? (Number.isFinite(headerTokens) ? headerTokens : 0) };
    }
    case 'cohere': {
      const reply = await parseAwsBody(call, cohereEmbeddingResponseSchema, context, 'a Cohere embedding list');
      const vectors = Array.isArray(reply.embeddings) ? reply.embeddings : reply.embeddings.float;
      return { vectors, tokens: Number.isFinite(headerTokens) ? headerTokens : 0 };
    }
    case 'nova': {
      const reply = await parseAwsBody(call, novaEmbeddingResponseSchema, context, 'a Nova embedding');
      return { vectors: reply.embeddings.map((item) => item.embedding), tokens: Number.isFinite(headerTokens) ? headerTokens : 0 };
    }
    default: {
      const exhaustive: never = family;
      throw new Error(`unknown embedding family ${String(exhaustive)}`);
    }
  }
}
