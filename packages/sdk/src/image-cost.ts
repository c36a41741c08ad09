// The cost of an images call: by tokens when the model reports usage and has token prices
// (gpt-image), else per image returned, by the size and quality asked for (the model's
// defaults when not given or 'auto'). Null when the model is not in the price table.

import { IMAGE_PRICES } from './cost/media-prices.js';
import type { ImagesResponse, ImagesResult } from './image-generation.js';
import type { MediaCapability } from './providers/media-support.js';
import type { MediaProvider } from './providers/resolve-media-provider.js';
import { attachMetadata } from './response-metadata.js';

function imageCost(model: string, request: { size?: string | undefined; quality?: string | undefined }, response: ImagesResponse): number | null {
  // A Bedrock cross-region inference profile (`us.stability.…`) is priced as its model.
  const price = IMAGE_PRICES[model] ?? IMAGE_PRICES[model.replace(/^(us|eu|apac|global)\./, '')];
  if (price === undefined) return null;
  const usage = response.usage;
  if (price.tokens !== undefined && usage !== undefined) {
    const details = usage.input_tokens_details;
    const imageInput = details?.image_tokens ?? 0;
    const textInput = details?.text_tokens ?? usage.input_tokens - imageInput;
    return textInput * price.tokens.textInput + imageInput * price.tokens.imageInput + usage.output_tokens * price.tokens.output;
  }
  const quality = request.quality === undefined || request.quality === 'auto' ? price.defaultQuality : request.quality;
  const size = request.size === undefined || request.size === 'auto' ? price.defaultSize : request.size;
  const table = price.perImage[quality] ?? (price.ignoresQuality === true ? price.perImage[price.defaultQuality] : undefined);
  const perImage = table?.[size] ?? table?.['*'];
  return perImage === undefined ? null : perImage * response.data.length;
}

/** The reply with its metadata: who served it and what it cost. */
export function withImageCost(
  response: ImagesResponse,
  target: Omit<MediaProvider<MediaCapability>, 'media'>,
  request: { size?: string | undefined; quality?: string | undefined },
): ImagesResult {
  return attachMetadata(response, {
    provider: target.provider,
    model: target.model,
    cost: imageCost(target.model, request, response),
    warnings: target.context.warnings,
  });
}
