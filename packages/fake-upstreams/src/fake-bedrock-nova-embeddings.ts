// Amazon Nova multimodal embeddings on the fake Bedrock Runtime: InvokeModel with
// `{taskType: "SINGLE_EMBEDDING", singleEmbeddingParams: {embeddingPurpose, embeddingDimension,
// text: {truncationMode, value}}}` → `{embeddings: [{embeddingType: "TEXT", embedding}]}`;
// the dimension must be one Nova offers. Tokens are reported in the response header.

import type { FakeEmbeddingAnswer } from './fake-bedrock-invoke.js';
import { createFakeOpenAIEmbeddings } from './fake-openai-embeddings.js';
import { fakeTokenCount } from './fake-token-count.js';

const DIMENSIONS = new Set([256, 384, 1024, 3072]);

export function createFakeNovaEmbedding(body: Record<string, unknown>): FakeEmbeddingAnswer | string {
  if (body['taskType'] !== 'SINGLE_EMBEDDING') return 'Malformed input request: #/taskType: SINGLE_EMBEDDING expected, please reformat your input and try again.';
  const params = body['singleEmbeddingParams'] as { embeddingPurpose?: unknown; embeddingDimension?: unknown; text?: { value?: unknown; truncationMode?: unknown } } | undefined;
  const text = params?.text?.value;
  if (typeof text !== 'string' || typeof params?.embeddingPurpose !== 'string')
    return 'Malformed input request: #/singleEmbeddingParams: required keys [embeddingPurpose, text.value] not found, please reformat your input and try again.';
  const dimension = params.embeddingDimension ?? 3072;
  if (typeof dimension !== 'number' || !DIMENSIONS.has(dimension))
    return `Malformed input request: #/singleEmbeddingParams/embeddingDimension: ${String(dimension)} is not a valid enum value, please reformat your input and try again.`;
  const list = createFakeOpenAIEmbeddings({ model: 'nova', input: [text], dimensions: dimension }, dimension) as { data: Array<{ embedding: number[] }> };
  return { body: { embeddings: [{ embeddingType: 'TEXT', embedding: list.data[0]?.embedding ?? [] }] }, inputTokens: fakeTokenCount(text) };
}
