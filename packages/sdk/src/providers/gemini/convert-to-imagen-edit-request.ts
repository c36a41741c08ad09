// OpenAI's image edit as Imagen's edit `:predict` body (Vertex AI's `imagen-3.0-capability-001`):
// the image as a RAW reference, the mask as a user-provided MASK reference, and inpainting
// (EDIT_MODE_INPAINT_INSERTION) guided by the prompt, as Google's client sends it. Imagen
// edits one image inside a mask: several images, or none of a mask, are refused with a 400.

import { BadRequestError } from '../../errors/error-classes.js';
import type { ImageEditRequest } from '../../image-edit.js';
import { imagenOutputOptions } from './convert-to-imagen-request.js';

interface ReferenceImage {
  referenceType: 'REFERENCE_TYPE_RAW' | 'REFERENCE_TYPE_MASK';
  referenceId: number;
  referenceImage: { bytesBase64Encoded: string; mimeType?: string };
  maskImageConfig?: { maskMode: 'MASK_MODE_USER_PROVIDED' };
}

export interface ImagenEditRequestBody {
  instances: Array<{ prompt: string; referenceImages: ReferenceImage[] }>;
  parameters: { sampleCount: number; editMode: 'EDIT_MODE_INPAINT_INSERTION'; outputOptions?: { mimeType: string; compressionQuality?: number } | undefined };
}

export function convertToImagenEditRequest(request: ImageEditRequest, warnings: string[]): ImagenEditRequestBody {
  const images = Array.isArray(request.image) ? request.image : [request.image];
  const image = images[0];
  if (image === undefined || images.length > 1) throw new BadRequestError('Imagen edits one image at a time', { param: 'image', model: request.model });
  if (request.mask === undefined) {
    throw new BadRequestError('Imagen edits inside a mask: send `mask` (Imagen has no mask-free edit of the whole image)', { param: 'mask', model: request.model });
  }
  // Imagen repaints where the mask is white; OpenAI where it is transparent. The file is sent as given.
  warnings.push('mask: Imagen edits the white area of the mask (OpenAI: the transparent area); sent as given');
  if (request.size !== undefined && request.size !== 'auto') warnings.push(`size ${request.size}: an Imagen edit keeps the image's size, dropped`);
  if (request.quality !== undefined && request.quality !== 'auto') warnings.push(`quality ${request.quality}: Imagen has no quality setting, dropped`);
  if (request.response_format === 'url') warnings.push('response_format url: Imagen returns images inline, answered as b64_json');
  if (request.search_prompt !== undefined) warnings.push('search_prompt: Imagen does not take it, dropped');
  const referenceImages: ReferenceImage[] = [
    { referenceType: 'REFERENCE_TYPE_RAW', referenceId: 1, referenceImage: { bytesBase64Encoded: image.data.toString('base64'), ...mimeOf(image.contentType) } },
    {
      referenceType: 'REFERENCE_TYPE_MASK',
      referenceId: 2,
      referenceImage: { bytesBase64Encoded: request.mask.data.toString('base64'), ...mimeOf(request.mask.contentType) },
      maskImageConfig: { maskMode: 'MASK_MODE_USER_PROVIDED' },
    },
  ];
  const outputOptions = imagenOutputOptions(request);
  return {
    instances: [{ prompt: request.prompt, referenceImages }],
    parameters: { sampleCount: request.n ?? 1, editMode: 'EDIT_MODE_INPAINT_INSERTION', ...(outputOptions === undefined ? {} : { outputOptions }) },
  };
}

function mimeOf(contentType: string | undefined): { mimeType?: string } {
  return contentType !== undefined && contentType.startsWith('image/') ? { mimeType: contentType } : {};
}
