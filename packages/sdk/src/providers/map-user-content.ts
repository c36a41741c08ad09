// The shape every block-based provider (Anthropic, Bedrock, Gemini) gives a user message:
// text parts become text blocks without empty strings (each of them rejects an empty text
// block), image parts become the provider's image block, file and audio parts become the
// provider's document or audio block where it has one, and any other part is a 400 naming it.

import { BadRequestError } from '../errors/error-classes.js';
import type { CacheControl, ContentPart, FileContentPart, InputAudioContentPart, TextContentPart } from '../spec/index.js';

/** The texts of `content`, empty ones left out. */
export function nonEmptyTexts(content: string | TextContentPart[] | null | undefined): string[] {
  if (content === null || content === undefined) return [];
  const texts = typeof content === 'string' ? [content] : content.map((part) => part.text);
  return texts.filter((text) => text !== '');
}

/** How one provider writes each kind of user content part; a missing kind is refused. */
export interface UserContentMapping<Block> {
  /** The provider's name, for the refusal of a part it cannot take. */
  provider: string;
  text(text: string): Block;
  image(url: string, param: string): Block;
  file?(part: FileContentPart['file'], param: string): Block;
  audio?(part: InputAudioContentPart['input_audio'], param: string): Block;
  /**
   * Prompt caching: the last block of a part sent with `cache_control`, marked the provider's
   * way (a field on the block, or a breakpoint block after it). Without it the mark is not sent.
   */
  cacheBreakpoint?(block: Block, cacheControl: CacheControl): Block[];
}

export function mapUserContent<Block>(content: string | ContentPart[], index: number, mapping: UserContentMapping<Block>): Block[] {
  if (typeof content === 'string') return nonEmptyTexts(content).map((text) => mapping.text(text));
  return content.flatMap((part, partIndex): Block[] => {
    const blocks = mapPart(part, `messages[${index}].content[${partIndex}]`, index, mapping);
    const cacheControl = part.type === 'input_audio' ? undefined : part.cache_control;
    const last = blocks.at(-1);
    if (cacheControl === undefined || mapping.cacheBreakpoint === undefined || last === undefined) return blocks;
    return [...blocks.slice(0, -1), ...mapping.cacheBreakpoint(last, cacheControl)];
  });
}

function mapPart<Block>(part: ContentPart, param: string, index: number, mapping: UserContentMapping<Block>): Block[] {
  switch (part.type) {
    case 'text':
      return nonEmptyTexts(part.text).map((text) => mapping.text(text));
    case 'image_url':
      return [mapping.image(part.image_url.url, param)];
    case 'file':
      if (mapping.file === undefined) throw unsupportedPart('file', mapping.provider, param);
      return [mapping.file(part.file, param)];
    case 'input_audio':
      if (mapping.audio === undefined) throw unsupportedPart('input_audio', mapping.provider, param);
      return [mapping.audio(part.input_audio, param)];
    default: {
      const exhaustive: never = part;
      throw new BadRequestError(`unsupported content part ${JSON.stringify(exhaustive)}`, { param: `messages[${index}].content` });
    }
  }
}

/** A content part the provider has no block for: a 400 naming the part type and the provider. */
export function unsupportedPart(type: string, provider: string, param: string): BadRequestError {
  return new BadRequestError(`content part type "${type}" is not supported by ${provider}`, { param });
}
