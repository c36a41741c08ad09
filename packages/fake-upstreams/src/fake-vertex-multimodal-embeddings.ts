// Vertex AI's multimodalembedding `:predict` as the fake answers it: exactly one instance, a
// `text`, an `image` (`bytesBase64Encoded` or `gcsUri`) or both, `parameters.dimension` one of
// 128, 256, 512, 1408 (default 1408); the reply has a `textEmbedding` and/or `imageEmbedding`.

import { fakeEmbeddingVector } from './fake-vector.js';
import { isRecord } from './is-record.js';

const DIMENSIONS = new Set([128, 256, 512, 1408]);

/** The reply, or Vertex's INVALID_ARGUMENT message. */
export function createFakeMultimodalEmbedding(body: unknown): Record<string, unknown> | string {
  const instances = isRecord(body) ? body['instances'] : undefined;
  if (!Array.isArray(instances) || instances.length !== 1) return 'Only one instance is supported per request for multimodalembedding.';
  const instance: unknown = instances[0];
  if (!isRecord(instance)) return 'instance must be an object';
  const parameters = isRecord(body) && isRecord(body['parameters']) ? body['parameters'] : {};
  const dimension = parameters['dimension'] ?? 1408;
  if (typeof dimension !== 'number' || !DIMENSIONS.has(dimension)) return `Invalid dimension ${String(dimension)}: must be one of 128, 256, 512, 1408.`;
  const prediction: Record<string, unknown> = {};
  if (typeof instance['text'] === 'string') prediction['textEmbedding'] = fakeEmbeddingVector(instance['text'], dimension);
  const image = instance['image'];
  if (isRecord(image)) {
    const source = typeof image['bytesBase64Encoded'] === 'string' ? image['bytesBase64Encoded'] : typeof image['gcsUri'] === 'string' ? image['gcsUri'] : undefined;
    if (source === undefined) return 'image needs bytesBase64Encoded or gcsUri';
    prediction['imageEmbedding'] = fakeEmbeddingVector(`image:${source}`, dimension);
  }
  if (Object.keys(prediction).length === 0) return 'instance needs text, image or video';
  return { predictions: [prediction], deployedModelId: '1234567890' };
}
