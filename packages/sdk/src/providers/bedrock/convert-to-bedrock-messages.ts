// Canonical messages → Converse `system` + alternating user/assistant messages. System and
// developer messages move to `system`; assistant tool calls become `toolUse` blocks and tool
// messages `toolResult` blocks of a user turn; consecutive same-role turns merge, since
// Converse requires the roles to alternate. Empty text blocks are left out: Converse
// rejects them. thinking_blocks go first in their turn as reasoningContent, unchanged:
// Claude continues a tool loop while thinking only if its turn starts with them.

import { BadRequestError } from '../../errors/error-classes.js';
import { mapUserContent } from '../map-user-content.js';
import type { ChatMessage, ContentPart, TextContentPart, ThinkingBlock, ToolCall } from '../../spec/index.js';
import { groupAlternatingTurns } from '../group-alternating-turns.js';
import { parseThinkingBlocks } from '../parse-thinking-blocks.js';
import { parseToolCallArguments } from '../parse-tool-call-arguments.js';
import type { BedrockContentBlock, BedrockImageFormat, BedrockMessage, BedrockReasoningBlock } from './bedrock-api.js';

export interface BedrockPrompt {
  system: Array<{ text: string }> | undefined;
  messages: BedrockMessage[];
  /** Whether earlier turns used tools: Converse then requires a toolConfig. */
  usesTools: boolean;
}

const DATA_URL_PATTERN = /^data:([^;,]+);base64,(.*)$/s;

const IMAGE_FORMATS: Readonly<Record<string, BedrockImageFormat>> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

export function convertToBedrockMessages(messages: readonly ChatMessage[]): BedrockPrompt {
  let usesTools = false;
  const { system, turns } = groupAlternatingTurns<BedrockContentBlock, { text: string }>(messages, {
    system: (message) => toTextBlocks(message.content),
    user: (message, index) => toUserBlocks(message.content, index),
    assistant: (message, index) => {
      // reasoning_content is not sent back: Claude accepts a reasoning block only with the
      // signature it issued, which thinking_blocks carry.
      const toolUses = (message.tool_calls ?? []).map((call) => toToolUse(call, index));
      if (toolUses.length > 0) usesTools = true;
      return [...parseThinkingBlocks(message, index).map(toReasoningBlock), ...toTextBlocks(message.content), ...toolUses];
    },
    tool: (message) => {
      usesTools = true;
      return [{ toolResult: { toolUseId: message.tool_call_id, content: toToolResultContent(message.content) } }];
    },
  });
  return { system: system.length === 0 ? undefined : system, messages: turns, usesTools };
}

function toTextBlocks(content: string | TextContentPart[] | null | undefined): Array<{ text: string }> {
  if (content === null || content === undefined) return [];
  const parts = typeof content === 'string' ? [content] : content.map((part) => part.text);
  return parts.filter((text) => text !== '').map((text) => ({ text }));
}

function toUserBlocks(content: string | ContentPart[], index: number): BedrockContentBlock[] {
  return mapUserContent<BedrockContentBlock>(content, index, { provider: 'bedrock', text: (text) => ({ text }), image: toImageBlock });
}

/** Converse takes image bytes only (or S3 locations); it cannot fetch a URL. */
function toImageBlock(url: string, param: string): BedrockContentBlock {
  const data = DATA_URL_PATTERN.exec(url);
  if (data === null) throw new BadRequestError('Bedrock accepts images as base64 data: URLs only (data:image/png;base64,...)', { param });
  const mediaType = (data[1] ?? '').toLowerCase();
  const format = IMAGE_FORMATS[mediaType];
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
