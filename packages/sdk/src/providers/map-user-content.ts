// The shape every block-based provider (Anthropic, Bedrock, Gemini) gives a user message:
// text parts become text blocks without empty strings (each of them rejects an empty text
// block), image parts become the provider's image block, and an unknown part is a 400.

import { BadRequestError } from '../errors/error-classes.js';
import type { ContentPart, TextContentPart } from '../spec/index.js';

/** The texts of `content`, empty ones left out. */
export function nonEmptyTexts(content: string | TextContentPart[] | null | undefined): string[] {
  if (content === null || content === undefined) return [];
  const texts = typeof content === 'string' ? [content] : content.map((part) => part.text);
  return texts.filter((text) => text !== '');
}

export function mapUserContent<Block>(content: string | ContentPart[], index: number, toText: (text: string) => Block, toImage: (url: string, param: string) => Block): Block[] {
  if (typeof content === 'string') return nonEmptyTexts(content).map(toText);
  return content.flatMap((part, partIndex): Block[] => {
    switch (part.type) {
      case 'text':
        return nonEmptyTexts(part.text).map(toText);
      case 'image_url':
        return [toImage(part.image_url.url, `messages[${index}].content[${partIndex}]`)];
      default: {
        const exhaustive: never = part;
        throw new BadRequestError(`unsupported content part ${JSON.stringify(exhaustive)}`, { param: `messages[${index}].content` });
      }
    }
  });
}
