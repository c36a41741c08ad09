// Imagen's `:predict` as a fake (AI Studio and Vertex AI share the body): one prediction per
// sample, the image inline as base64, and Imagen's 400 for an aspect ratio it does not make.

import { FAKE_PNG } from './fake-openai-images.js';
import { googleErrorBody } from './fake-google-error.js';
import { isRecord } from './is-record.js';

const ASPECT_RATIOS = new Set(['1:1', '3:4', '4:3', '9:16', '16:9']);

export interface FakeReply {
  status: number;
  body: unknown;
}

export function answerFakeImagenPredict(body: unknown): FakeReply {
  const instances = isRecord(body) && Array.isArray(body['instances']) ? body['instances'] : undefined;
  const prompt = isRecord(instances?.[0]) ? instances[0]['prompt'] : undefined;
  if (typeof prompt !== 'string') return { status: 400, body: googleErrorBody(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received. instances[0].prompt is required.') };
  const parameters = isRecord(body) && isRecord(body['parameters']) ? body['parameters'] : {};
  const ratio = parameters['aspectRatio'];
  if (ratio !== undefined && (typeof ratio !== 'string' || !ASPECT_RATIOS.has(ratio))) {
    return { status: 400, body: googleErrorBody(400, 'INVALID_ARGUMENT', `Unsupported aspect ratio: ${String(ratio)}`) };
  }
  const count = typeof parameters['sampleCount'] === 'number' ? parameters['sampleCount'] : 4;
  const mimeType = isRecord(parameters['outputOptions']) && typeof parameters['outputOptions']['mimeType'] === 'string' ? parameters['outputOptions']['mimeType'] : 'image/png';
  return { status: 200, body: { predictions: Array.from({ length: count }, () => ({ bytesBase64Encoded: FAKE_PNG.toString('base64'), mimeType })) } };
}
