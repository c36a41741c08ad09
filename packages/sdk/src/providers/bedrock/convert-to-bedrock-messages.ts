// Canonical messages → Converse `system` + alternating user/assistant messages. System and
// developer messages move to `system`; assistant tool calls become `toolUse` blocks and tool
// messages `toolResult` blocks of a user turn; consecutive same-role turns merge, since
// Converse requires the roles to alternate. Empty text blocks are left out: Converse
// rejects them. thinking_blocks go first in their turn as reasoningContent, unchanged:
// Claude continues a tool loop while thinking only if its turn starts with them.
// cache_control becomes a `cachePoint` block after the block it marks (after the message's
// last block for a whole message), for the models that cache; other models are sent none,
// with a warning.

import { BadRequestError } from '../../errors/error-classes.js';
import { mapUserContent } from '../map-user-content.js';
import type { CacheControl, ChatMessage, ContentPart, TextContentPart, ThinkingBlock, ToolCall } from '../../spec/index.js';
import { groupAlternatingTurns } from '../group-alternating-turns.js';
import { parseThinkingBlocks } from '../parse-thinking-blocks.js';
import { parseToolCallArguments } from '../parse-tool-call-arguments.js';
import type { BedrockCachePoint, BedrockContentBlock, BedrockMessage, BedrockReasoningBlock, BedrockSystemBlock } from './bedrock-api.js';
import { BEDROCK_IMAGE_FORMATS, convertBedrockDocument } from './convert-bedrock-document.js';

export interface BedrockPrompt {
  system: BedrockSystemBlock[] | undefined;
  messages: BedrockMessage[];
  /** Whether earlier turns used tools: Converse then requires a toolConfig. */
  usesTools: boolean;
}

export interface BedrockMessageOptions {
  /** Whether the model takes cache points (Claude, Nova). */
  cachePoints: boolean;
  modelId: string;
  warnings: string[];
}

const DATA_URL_PATTERN = /^data:([^;,]+);base64,(.*)$/s;

export const CACHE_POINT: BedrockCachePoint = { cachePoint: { type: 'default' } };

export function convertToBedrockMessages(messages: readonly ChatMessage[], options: BedrockMessageOptions): BedrockPrompt {
  let usesTools = false;
  let dropped = false;
  let ttl = false;
  const mark = <Block>(blocks: Block[], cacheControl: CacheControl | undefined): Array<Block | BedrockCachePoint> => {
    if (cacheControl === undefined || blocks.length === 0) return blocks;
    if (cacheControl.ttl !== undefined) ttl = true;
    if (options.cachePoints) return [...blocks, CACHE_POINT];
    dropped = true;
    return blocks;
  };
  const { system, turns } = groupAlternatingTurns<BedrockContentBlock, BedrockSystemBlock>(messages, {
    system: (message) => mark(toTextBlocks(message.content, mark), message.cache_control),
    user: (message, index) => mark(toUserBlocks(message.content, index, mark), message.cache_control),
    assistant: (message, index) => {
      // reasoning_content is not sent back: Claude accepts a reasoning block only with the
      // signature it issued, which thinking_blocks carry.
      const toolUses = (message.tool_calls ?? []).map((call) => toToolUse(call, index));
      if (toolUses.length > 0) usesTools = true;
      return mark([...parseThinkingBlocks(message, index).map(toReasoningBlock), ...toTextBlocks(message.content, mark), ...toolUses], message.cache_control);
    },
    tool: (message) => {
      usesTools = true;
      // A toolResult's content takes no cache point: a marked part marks the whole result.
      const partMark = typeof message.content === 'string' ? undefined : message.content.find((part) => part.cache_control !== undefined)?.cache_control;
      return mark([{ toolResult: { toolUseId: message.tool_call_id, content: toToolResultContent(message.content) } }], message.cache_control ?? partMark);
    },
  });
  if (dropped) options.warnings.push(`dropped cache_control: Bedrock model "${options.modelId}" takes no cache points through Converse`);
  if (ttl && !dropped) options.warnings.push('dropped cache_control.ttl: a Converse cache point has the default lifetime');
  return { system: system.length === 0 ? undefined : system, messages: turns, usesTools };
}

type Mark = <Block>(blocks: Block[], cacheControl: CacheControl | undefined) => Array<Block | BedrockCachePoint>;

function toTextBlocks(content: string | TextContentPart[] | null | undefined, mark: Mark): Array<{ text: string } | BedrockCachePoint> {
  if (content === null || content === undefined) return [];
  if (typeof content === 'string') return content === '' ? [] : [{ text: content }];
  return content.filter((part) => part.text !== '').flatMap((part) => mark([{ text: part.text }], part.cache_control));
}

function toUserBlocks(content: string | ContentPart[], index: number, mark: Mark): BedrockContentBlock[] {
  return mapUserContent<BedrockContentBlock>(content, index, {
    provider: 'bedrock',
    text: (text) => ({ text }),
    image: toImageBlock,
    file: convertBedrockDocument,
    cacheBreakpoint: (block, cacheControl) => mark([block], cacheControl),
  });
}

/** Converse takes image bytes only (or S3 locations); it cannot fetch a URL. */
function toImageBlock(url: string, param: string): BedrockContentBlock {
  const data = DATA_URL_PATTERN.exec(url);
  if (data === null) throw new BadRequestError('Bedrock accepts images as base64 data: URLs only (data:image/png;base64,...)', { param });
  const mediaType = (data[1] ?? '').toLowerCase();
  const format = BEDROCK_IMAGE_FORMATS[mediaType];
  if (format === undefined) throw new BadRequestError(`Bedrock does not accept images of type "${mediaType}" (png, jpeg, gif, webp)`, { param });
  return { image: { format, source: { bytes: data[2] ?? '' } } };
}

function toToolUse(call: ToolCall, index: number): BedrockContentBlock {
  return { toolUse: { toolUseId: call.id, name: call.function.name, input: parseToolCallArguments(call, index) } };
}

function toReasoningBlock(block: ThinkingBlock): BedrockReasoningBlock {
  if (block.type === 'redacted_thinking') return { reasoningContent: { redactedContent: block.data } };
  // Models that do not sign their reasoning leave the signature empty; Converse takes none then.
  const reasoningText = block.signature === '' ? { text: block.thinking } : { text: block.thinking, signature: block.signature };
  return { reasoningContent: { reasoningText } };
}

function toToolResultContent(content: string | TextContentPart[]): Array<{ text: string }> {
  return typeof content === 'string' ? [{ text: content }] : content.map((part) => ({ text: part.text }));
}
