// Vertex AI's multimodal embeddings (`multimodalembedding@001`, as LiteLLM's
// `vertex_ai/multimodalembedding`): one `:predict` call per input, each a text, an image given
// as a `data:image/...;base64,` URL, or a `gs://` image, answered with a `textEmbedding` or an
// `imageEmbedding`; `dimensions` becomes `parameters.dimension` (128, 256, 512 or 1408). The
// model takes one instance a call, so the inputs go a few at a time. It reports no tokens:
// usage counts none, and the call is priced by a deployment's override if at all.

import type { EmbeddingRequest, EmbeddingResponse } from '../../spec/index.js';
import { convertGeminiEmbeddingResponse, readEmbeddingTexts, readGeminiJson, sendGeminiRequest, type GeminiEndpoint } from '../gemini/index.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { vertexMultimodalEmbeddingResponseSchema } from './vertex-api.js';

const CONCURRENT_CALLS = 4;
const DATA_IMAGE = /^data:image\/[a-z0-9.+-]+;base64,(.+)$/i;

export function isMultimodalEmbeddingModel(model: string): boolean {
  return model.startsWith('multimodalembedding');
}

/** A predict instance for one input: an image when the text is an image reference, else text. */
function toMultimodalInstance(input: string): Record<string, unknown> {
  const data = DATA_IMAGE.exec(input);
  if (data !== null) return { image: { bytesBase64Encoded: data[1] } };
  if (input.startsWith('gs://')) return { image: { gcsUri: input } };
  return { text: input };
}

export async function embedWithVertexMultimodal(request: EmbeddingRequest, endpoint: GeminiEndpoint, context: ProviderCallContext): Promise<EmbeddingResponse> {
  const inputs = readEmbeddingTexts(request);
  const parameters = request.dimensions === undefined ? {} : { parameters: { dimension: request.dimensions } };
  const vectors: number[][] = new Array<number[]>(inputs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < inputs.length) {
      const index = next++;
      const body = { instances: [toMultimodalInstance(inputs[index] as string)], ...parameters };
      const { response } = await sendGeminiRequest(endpoint, 'predict', body, context, false);
      const parsed = await readGeminiJson(response, vertexMultimodalEmbeddingResponseSchema, endpoint, context, 'a multimodal embedding');
      const prediction = parsed.predictions[0];
      vectors[index] = prediction?.textEmbedding ?? prediction?.imageEmbedding ?? [];
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_CALLS, inputs.length) }, worker));
  return convertGeminiEmbeddingResponse(vectors, request, context.model, 0);
}
