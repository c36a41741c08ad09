// Bedrock's image models through InvokeModel, as a fake: Nova Canvas and Titan Image
// Generator take TEXT_IMAGE, INPAINTING and IMAGE_VARIATION bodies (numberOfImages 1-5,
// width and height multiples of 16 from 320 to 4096, standard or premium quality) and
// Stability models a prompt and an aspect ratio; Stability's edit services (inpaint,
// search-replace, erase-object, remove-background) a base64 image and their own fields; each
// answers `{ images: [base64] }`, and a body it would refuse gets Bedrock's ValidationException
// message.

import { FAKE_PNG } from './fake-openai-images.js';
import { isRecord } from './is-record.js';

export function isFakeBedrockImageModel(modelId: string): boolean {
  return modelId.includes('nova-canvas') || modelId.includes('titan-image-generator') || modelId.includes('stability.');
}

/** The reply body, or the ValidationException message. */
export function answerFakeBedrockImage(modelId: string, body: Record<string, unknown>): Record<string, unknown> | string {
  const service = /stability\.stable-image-(inpaint|search-replace|erase-object|remove-background)-/.exec(modelId)?.[1];
  if (service !== undefined) return answerStabilityEdit(service, body);
  if (modelId.includes('stability.')) {
    if (typeof body['prompt'] !== 'string' || body['prompt'] === '')
      return 'Malformed input request: #: required key [prompt] not found, please reformat your input and try again.';
    const ratio = body['aspect_ratio'];
    if (ratio !== undefined && !['16:9', '1:1', '21:9', '2:3', '3:2', '4:5', '5:4', '9:16', '9:21'].includes(String(ratio)))
      return `Malformed input request: #/aspect_ratio: ${String(ratio)} is not a valid enum value`;
    return { seeds: [42], finish_reasons: [null], images: [FAKE_PNG.toString('base64')] };
  }
  const invalid = checkTask(body);
  if (invalid !== undefined) return invalid;
  const config = isRecord(body['imageGenerationConfig']) ? body['imageGenerationConfig'] : {};
  const count = config['numberOfImages'] ?? 1;
  if (typeof count !== 'number' || count < 1 || count > 5) return 'Malformed input request: #/imageGenerationConfig/numberOfImages: must be between 1 and 5';
  for (const side of ['width', 'height'] as const) {
    const value = config[side] ?? 1024;
    if (typeof value !== 'number' || value < 320 || value > 4096 || value % 16 !== 0)
      return `Malformed input request: #/imageGenerationConfig/${side}: must be a multiple of 16 between 320 and 4096`;
  }
  if (config['quality'] !== undefined && config['quality'] !== 'standard' && config['quality'] !== 'premium')
    return 'Malformed input request: #/imageGenerationConfig/quality: standard or premium';
  return { images: Array.from({ length: count }, () => FAKE_PNG.toString('base64')), error: null };
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The fields each Stability edit service takes (Bedrock's model parameters pages). */
const STABILITY_EDIT_FIELDS: Readonly<Record<string, { required: readonly string[]; optional: readonly string[] }>> = {
  inpaint: { required: ['image', 'prompt'], optional: ['mask', 'negative_prompt', 'seed', 'output_format', 'style_preset', 'grow_mask'] },
  'search-replace': { required: ['image', 'prompt', 'search_prompt'], optional: ['negative_prompt', 'seed', 'output_format', 'style_preset', 'grow_mask'] },
  'erase-object': { required: ['image'], optional: ['mask', 'seed', 'output_format', 'grow_mask'] },
  'remove-background': { required: ['image'], optional: ['output_format'] },
};

function answerStabilityEdit(service: string, body: Record<string, unknown>): Record<string, unknown> | string {
  const fields = STABILITY_EDIT_FIELDS[service] ?? { required: [], optional: [] };
  for (const key of fields.required) {
    if (typeof body[key] !== 'string' || body[key] === '') return `Malformed input request: #: required key [${key}] not found, please reformat your input and try again.`;
  }
  for (const key of Object.keys(body)) {
    if (!fields.required.includes(key) && !fields.optional.includes(key))
      return `Malformed input request: #: extraneous key [${key}] is not permitted, please reformat your input and try again.`;
  }
  for (const key of ['image', 'mask']) {
    if (body[key] !== undefined && !(typeof body[key] === 'string' && BASE64.test(body[key]))) return `Malformed input request: #/${key}: not a base64 image`;
  }
  const format = body['output_format'];
  if (format !== undefined && !['png', 'jpeg', 'webp'].includes(String(format))) return `Malformed input request: #/output_format: ${String(format)} is not a valid enum value`;
  return { seeds: [7], finish_reasons: [null], images: [FAKE_PNG.toString('base64')] };
}

/** TEXT_IMAGE needs text; INPAINTING an image, text and a mask (image or prompt); IMAGE_VARIATION images. */
function checkTask(body: Record<string, unknown>): string | undefined {
  const task = body['taskType'];
  const params = (key: string): Record<string, unknown> => (isRecord(body[key]) ? body[key] : {});
  const isImage = (value: unknown): boolean => typeof value === 'string' && value.length > 0 && BASE64.test(value);
  if (task === 'TEXT_IMAGE') {
    const text = params('textToImageParams')['text'];
    return typeof text === 'string' && text !== '' ? undefined : 'Malformed input request: #/textToImageParams: required key [text] not found';
  }
  if (task === 'INPAINTING') {
    const inpaint = params('inPaintingParams');
    if (!isImage(inpaint['image'])) return 'Malformed input request: #/inPaintingParams: required key [image] not found';
    if (!isImage(inpaint['maskImage']) && typeof inpaint['maskPrompt'] !== 'string')
      return 'Malformed input request: #/inPaintingParams: one of maskImage or maskPrompt is required';
    return undefined;
  }
  if (task === 'IMAGE_VARIATION') {
    const images = params('imageVariationParams')['images'];
    return Array.isArray(images) && images.length >= 1 && images.length <= 5 && images.every(isImage)
      ? undefined
      : 'Malformed input request: #/imageVariationParams/images: 1 to 5 base64 images';
  }
  return `Malformed input request: #/taskType: ${String(task)} is not a valid enum value`;
}
