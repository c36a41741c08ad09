// OpenAI's image generation request as Imagen's `:predict` body (AI Studio and Vertex AI
// share it): `n` → sampleCount, `size` → the aspect ratio Imagen takes. Imagen answers
// base64 only and has no `quality`: a `url` response_format or a quality is dropped with a
// warning; a size with no Imagen aspect ratio is refused.

import { BadRequestError } from '../../errors/error-classes.js';
import type { ImageGenerationRequest } from '../../image-generation.js';

const ASPECT_RATIOS: Readonly<Record<string, string>> = {
  '1024x1024': '1:1',
  '1792x1024': '16:9',
  '1024x1792': '9:16',
  '1536x1024': '4:3',
  '1024x1536': '3:4',
  '1408x768': '16:9',
  '768x1408': '9:16',
  '1280x896': '4:3',
  '896x1280': '3:4',
};

interface ImagenOutputOptions {
  mimeType: string;
  compressionQuality?: number;
}

export interface ImagenRequestBody {
  instances: Array<{ prompt: string }>;
  parameters: { sampleCount: number; aspectRatio?: string; outputOptions?: ImagenOutputOptions };
}

export function convertToImagenRequest(request: ImageGenerationRequest, warnings: string[]): ImagenRequestBody {
  const parameters: ImagenRequestBody['parameters'] = { sampleCount: request.n ?? 1 };
  if (request.size !== undefined && request.size !== 'auto') {
    const ratio = ASPECT_RATIOS[request.size];
    if (ratio === undefined) {
      throw new BadRequestError(`Imagen does not make images of size ${request.size}; use one of ${Object.keys(ASPECT_RATIOS).join(', ')}`, {
        param: 'size',
        model: request.model,
      });
    }
    parameters.aspectRatio = ratio;
  }
  const outputOptions = imagenOutputOptions(request);
  if (outputOptions !== undefined) parameters.outputOptions = outputOptions;
  if (request.response_format === 'url') warnings.push('response_format url: Imagen returns images inline, answered as b64_json');
  if (request.quality !== undefined && request.quality !== 'auto') warnings.push(`quality ${request.quality}: Imagen has no quality setting, dropped`);
  return { instances: [{ prompt: request.prompt }], parameters };
}

/** OpenAI's output_format (png or jpeg) and compression as Imagen's outputOptions. */
export function imagenOutputOptions(request: { output_format?: string | undefined; output_compression?: number | undefined }): ImagenOutputOptions | undefined {
  if (request.output_format !== 'jpeg' && request.output_format !== 'png') return undefined;
  return { mimeType: `image/${request.output_format}`, ...(request.output_compression === undefined ? {} : { compressionQuality: request.output_compression }) };
}
