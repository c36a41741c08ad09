// Imagen's `:predict` as a fake (AI Studio and Vertex AI share the body): one prediction per
// sample, the image inline as base64, and Imagen's 400 for an aspect ratio it does not make.
// An edit (`referenceImages`, Vertex's capability models) needs a RAW reference with bytes and,
// for a user-provided mask, a MASK reference with bytes; a generate-only model refuses it.

import { FAKE_PNG } from './fake-openai-images.js';
import { googleErrorBody } from './fake-google-error.js';
import { isRecord } from './is-record.js';

const ASPECT_RATIOS = new Set(['1:1', '3:4', '4:3', '9:16', '16:9']);

export interface FakeReply {
  status: number;
  body: unknown;
}

export function answerFakeImagenPredict(body: unknown, model: string): FakeReply {
  const instances = isRecord(body) && Array.isArray(body['instances']) ? body['instances'] : undefined;
  const prompt = isRecord(instances?.[0]) ? instances[0]['prompt'] : undefined;
  if (typeof prompt !== 'string') return { status: 400, body: googleErrorBody(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received. instances[0].prompt is required.') };
  const parameters = isRecord(body) && isRecord(body['parameters']) ? body['parameters'] : {};
  const references = isRecord(instances?.[0]) ? instances[0]['referenceImages'] : undefined;
  if (references !== undefined) {
    const invalid = checkEdit(model, references, parameters);
    if (invalid !== undefined) return { status: 400, body: googleErrorBody(400, 'INVALID_ARGUMENT', invalid) };
  }
  const ratio = parameters['aspectRatio'];
  if (ratio !== undefined && (typeof ratio !== 'string' || !ASPECT_RATIOS.has(ratio))) {
    return { status: 400, body: googleErrorBody(400, 'INVALID_ARGUMENT', `Unsupported aspect ratio: ${String(ratio)}`) };
  }
  const count = typeof parameters['sampleCount'] === 'number' ? parameters['sampleCount'] : 4;
  const mimeType = isRecord(parameters['outputOptions']) && typeof parameters['outputOptions']['mimeType'] === 'string' ? parameters['outputOptions']['mimeType'] : 'image/png';
  return { status: 200, body: { predictions: Array.from({ length: count }, () => ({ bytesBase64Encoded: FAKE_PNG.toString('base64'), mimeType })) } };
}

const EDIT_MODES = new Set(['EDIT_MODE_DEFAULT', 'EDIT_MODE_INPAINT_INSERTION', 'EDIT_MODE_INPAINT_REMOVAL', 'EDIT_MODE_OUTPAINT', 'EDIT_MODE_BGSWAP', 'EDIT_MODE_PRODUCT_IMAGE']);

/** The message Imagen answers an edit it refuses with, or undefined when the edit is well formed. */
function checkEdit(model: string, references: unknown, parameters: Record<string, unknown>): string | undefined {
  if (!model.includes('capability')) return `Image editing is not supported by ${model}.`;
  if (!Array.isArray(references) || references.length === 0) return 'instances[0].referenceImages must not be empty.';
  const hasBytes = (reference: Record<string, unknown>): boolean =>
    isRecord(reference['referenceImage']) && typeof reference['referenceImage']['bytesBase64Encoded'] === 'string' && reference['referenceImage']['bytesBase64Encoded'] !== '';
  const typed = references.filter(isRecord);
  const raw = typed.filter((reference) => reference['referenceType'] === 'REFERENCE_TYPE_RAW');
  if (raw.length !== 1 || !hasBytes(raw[0] ?? {})) return 'Exactly one REFERENCE_TYPE_RAW image with bytesBase64Encoded is required.';
  for (const mask of typed.filter((reference) => reference['referenceType'] === 'REFERENCE_TYPE_MASK')) {
    const mode = isRecord(mask['maskImageConfig']) ? mask['maskImageConfig']['maskMode'] : undefined;
    if (mode === undefined) return 'maskImageConfig.maskMode is required for a REFERENCE_TYPE_MASK image.';
    if (mode === 'MASK_MODE_USER_PROVIDED' && !hasBytes(mask)) return 'A MASK_MODE_USER_PROVIDED mask needs referenceImage.bytesBase64Encoded.';
  }
  const mode = parameters['editMode'];
  if (mode !== undefined && (typeof mode !== 'string' || !EDIT_MODES.has(mode))) return `Invalid editMode: ${String(mode)}`;
  return undefined;
}
