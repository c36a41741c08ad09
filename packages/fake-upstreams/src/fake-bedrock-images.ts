// Bedrock's image models through InvokeModel, as a fake: Nova Canvas and Titan Image
// Generator take TEXT_IMAGE bodies (numberOfImages 1-5, width and height multiples of 16
// from 320 to 4096, standard or premium quality) and Stability models a prompt and an aspect
// ratio; each answers `{ images: [base64] }`, and a body it would refuse gets Bedrock's
// ValidationException message.

import { FAKE_PNG } from './fake-openai-images.js';
import { isRecord } from './is-record.js';

export function isFakeBedrockImageModel(modelId: string): boolean {
  return modelId.includes('nova-canvas') || modelId.includes('titan-image-generator') || modelId.includes('stability.');
}

/** The reply body, or the ValidationException message. */
export function answerFakeBedrockImage(modelId: string, body: Record<string, unknown>): Record<string, unknown> | string {
  if (modelId.includes('stability.')) {
    if (typeof body['prompt'] !== 'string' || body['prompt'] === '') return 'Malformed input request: #: required key [prompt] not found, please reformat your input and try again.';
    const ratio = body['aspect_ratio'];
    if (ratio !== undefined && !['16:9', '1:1', '21:9', '2:3', '3:2', '4:5', '5:4', '9:16', '9:21'].includes(String(ratio))) return `Malformed input request: #/aspect_ratio: ${String(ratio)} is not a valid enum value`;
    return { seeds: [42], finish_reasons: [null], images: [FAKE_PNG.toString('base64')] };
  }
  if (body['taskType'] !== 'TEXT_IMAGE') return 'Malformed input request: #/taskType: expected TEXT_IMAGE, please reformat your input and try again.';
  const params = isRecord(body['textToImageParams']) ? body['textToImageParams'] : {};
  if (typeof params['text'] !== 'string' || params['text'] === '') return 'Malformed input request: #/textToImageParams: required key [text] not found';
  const config = isRecord(body['imageGenerationConfig']) ? body['imageGenerationConfig'] : {};
  const count = config['numberOfImages'] ?? 1;
  if (typeof count !== 'number' || count < 1 || count > 5) return 'Malformed input request: #/imageGenerationConfig/numberOfImages: must be between 1 and 5';
  for (const side of ['width', 'height'] as const) {
    const value = config[side] ?? 1024;
    if (typeof value !== 'number' || value < 320 || value > 4096 || value % 16 !== 0) return `Malformed input request: #/imageGenerationConfig/${side}: must be a multiple of 16 between 320 and 4096`;
  }
  if (config['quality'] !== undefined && config['quality'] !== 'standard' && config['quality'] !== 'premium') return 'Malformed input request: #/imageGenerationConfig/quality: standard or premium';
  return { images: Array.from({ length: count }, () => FAKE_PNG.toString('base64')), error: null };
}
