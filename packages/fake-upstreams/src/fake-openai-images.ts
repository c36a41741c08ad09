// OpenAI's images API as a fake: `/images/generations` (JSON) and `/images/edits` (multipart).
// dall-e answers URLs unless asked for b64_json; gpt-image always answers base64 and reports
// token usage, as OpenAI documents (output tokens by quality and size, input image tokens
// per image for edits).

import { fakeTokenCount } from './fake-token-count.js';
import type { FakeForm } from './fake-read-form.js';

/** A 1×1 transparent PNG: what each fake image is. */
export const FAKE_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

/** OpenAI's output token counts for gpt-image-1 at 1024x1024; other sizes ×1.5. */
const GPT_IMAGE_OUTPUT_TOKENS: Readonly<Record<string, number>> = { low: 272, medium: 1056, high: 4160 };
/** Input tokens the fake charges per image sent to an edit. */
export const FAKE_EDIT_IMAGE_TOKENS = 323;

export interface FakeImageRequest {
  model: string;
  prompt: string;
  n: number;
  size: string | undefined;
  quality: string | undefined;
  responseFormat: string | undefined;
  /** Images sent to an edit (0 for a generation). */
  inputImages: number;
}

export function createFakeImages(request: FakeImageRequest, baseUrl: string): unknown {
  const gptImage = request.model.startsWith('gpt-image');
  const data = Array.from({ length: request.n }, (_, index) => {
    if (gptImage || request.responseFormat === 'b64_json') return { b64_json: FAKE_PNG.toString('base64'), ...(gptImage ? {} : { revised_prompt: request.prompt }) };
    return { url: `${baseUrl}/fake-images/img-${index}.png`, revised_prompt: request.prompt };
  });
  const created = Math.floor(Date.now() / 1000);
  if (!gptImage) return { created, data };
  const quality = request.quality === undefined || request.quality === 'auto' ? 'high' : request.quality;
  const perImage = Math.round((GPT_IMAGE_OUTPUT_TOKENS[quality] ?? 4160) * (request.size === undefined || request.size === '1024x1024' || request.size === 'auto' ? 1 : 1.5));
  const textTokens = fakeTokenCount(request.prompt);
  const imageTokens = request.inputImages * FAKE_EDIT_IMAGE_TOKENS;
  const output = perImage * request.n;
  return {
    created,
    data,
    background: 'opaque',
    output_format: 'png',
    quality,
    size: request.size ?? '1024x1024',
    usage: {
      input_tokens: textTokens + imageTokens,
      output_tokens: output,
      total_tokens: textTokens + imageTokens + output,
      input_tokens_details: { text_tokens: textTokens, image_tokens: imageTokens },
    },
  };
}

/** The edit's images: `image` once, or `image[]` repeated (gpt-image takes up to 16). */
export function countEditImages(form: FakeForm): number {
  return (form.files['image']?.length ?? 0) + (form.files['image[]']?.length ?? 0);
}
