// An assistant message's `thinking_blocks` → the blocks providers that take Claude's signed
// reasoning back (Anthropic, Bedrock) put first in the turn. Only the fields the wire
// takes are kept (a client that rebuilt them from a stream may have left `index` on),
// and the values are never touched: a changed byte breaks the signature.

import { BadRequestError } from '../errors/error-classes.js';
import type { AssistantMessage, ThinkingBlock } from '../spec/index.js';

export function parseThinkingBlocks(message: AssistantMessage, index: number): ThinkingBlock[] {
  const blocks: unknown = message.thinking_blocks;
  if (blocks === undefined || blocks === null) return [];
  if (!Array.isArray(blocks)) throw new BadRequestError('thinking_blocks must be an array', { param: `messages[${index}].thinking_blocks` });
  return blocks.map((block: unknown, blockIndex) => {
    const param = `messages[${index}].thinking_blocks[${blockIndex}]`;
    if (typeof block !== 'object' || block === null) throw new BadRequestError('a thinking block must be an object', { param });
    const { type, thinking, signature, data } = block as Record<string, unknown>;
    if (type === 'thinking' && typeof thinking === 'string' && typeof signature === 'string') return { type, thinking, signature };
    if (type === 'redacted_thinking' && typeof data === 'string') return { type, data };
    throw new BadRequestError('a thinking block must be {type: "thinking", thinking, signature} or {type: "redacted_thinking", data}, with string values', { param });
  });
}
