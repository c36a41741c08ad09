// Single Anthropic content blocks → canonical parts: text, images (base64 → data: URL,
// url → the URL), and the block-level hints (cache_control, citations) the report hears of.

import type { ImageContentPart, TextContentPart } from '../../spec/index.js';
import type { AnthropicCacheControl, AnthropicImageBlockParam, AnthropicTextBlockParam } from './anthropic-messages-api.js';
import type { TranslationReport } from './create-translation-report.js';

export function convertTextBlock(block: AnthropicTextBlockParam, param: string, report: TranslationReport): TextContentPart {
  noteCacheControl(block.cache_control, param, report);
  if (Array.isArray(block.citations) && block.citations.length > 0) {
    report.unsupported(`${param}.citations`, 'citations have no canonical form');
  }
  return { type: 'text', text: block.text };
}

/** The image as an image_url part, or undefined when it was dropped (file ids). */
export function convertImageBlock(block: AnthropicImageBlockParam, param: string, report: TranslationReport): ImageContentPart | undefined {
  noteCacheControl(block.cache_control, param, report);
  const { source } = block;
  switch (source.type) {
    case 'base64':
      return { type: 'image_url', image_url: { url: `data:${source.media_type};base64,${source.data}` } };
    case 'url':
      return { type: 'image_url', image_url: { url: source.url } };
    case 'file':
      report.unsupported(`${param}.source`, 'images by Anthropic file id exist only on Anthropic; send the image as base64 or a URL');
      return undefined;
    default: {
      const exhaustive: never = source;
      report.unsupported(`${param}.source`, `image source type "${String((exhaustive as { type: unknown }).type)}" is unknown`);
      return undefined;
    }
  }
}

export function noteCacheControl(cacheControl: AnthropicCacheControl | null | undefined, param: string, report: TranslationReport): void {
  if (cacheControl !== undefined && cacheControl !== null) report.cacheHint(`${param}.cache_control`);
}

/** One text part as a plain string (what every provider takes); several stay parts. */
export function collapseTextParts(parts: TextContentPart[]): string | TextContentPart[] {
  if (parts.length === 0) return '';
  if (parts.length === 1) return parts[0]?.text ?? '';
  return parts;
}
