// Canonical messages → Anthropic `system` + alternating user/assistant messages. System
// and developer messages move to the top-level `system`; tool results become user
// `tool_result` blocks; consecutive same-role messages merge, since Anthropic requires
// the roles to alternate. An assistant turn's thinking_blocks go first, as Claude wrote
// them: with thinking on, a tool loop continues only if its turn starts with them.

import { BadRequestError } from '../../errors/error-classes.js';
import { mapUserContent, nonEmptyTexts } from '../map-user-content.js';
import type { ChatMessage, ContentPart, TextContentPart, ToolCall } from '../../spec/index.js';
import { groupAlternatingTurns } from '../group-alternating-turns.js';
import { parseThinkingBlocks } from '../parse-thinking-blocks.js';
import { parseToolCallArguments } from '../parse-tool-call-arguments.js';
import type { AnthropicContentBlock, AnthropicImageBlock, AnthropicMessage, AnthropicTextBlock } from './anthropic-api.js';

export interface AnthropicPrompt {
  system: string | AnthropicTextBlock[] | undefined;
  messages: AnthropicMessage[];
}

const DATA_URL_PATTERN = /^data:([^;,]+);base64,(.*)$/s;

export function convertToAnthropicMessages(messages: readonly ChatMessage[]): AnthropicPrompt {
  const { system, turns } = groupAlternatingTurns<AnthropicContentBlock, AnthropicTextBlock>(messages, {
    system: (message) => toTextBlocks(message.content),
    user: (message, index) => toUserBlocks(message.content, index),
    // reasoning_content is not sent back: Anthropic only accepts thinking with the
    // signature it issued, which thinking_blocks carry.
    assistant: (message, index) => [...parseThinkingBlocks(message, index), ...toTextBlocks(message.content), ...(message.tool_calls ?? []).map((call) => toToolUse(call, index))],
    tool: (message) => [{ type: 'tool_result', tool_use_id: message.tool_call_id, content: toToolResultContent(message.content) }],
  });
  return { system: system.length === 0 ? undefined : system.length === 1 ? system[0]?.text : system, messages: turns };
}

/** Text content as blocks, without empty strings (Anthropic rejects empty text blocks). */
function toTextBlocks(content: string | TextContentPart[] | null | undefined): AnthropicTextBlock[] {
  return nonEmptyTexts(content).map((text): AnthropicTextBlock => ({ type: 'text', text }));
}

function toUserBlocks(content: string | ContentPart[], index: number): AnthropicContentBlock[] {
  return mapUserContent<AnthropicContentBlock>(content, index, { provider: 'anthropic', text: (text): AnthropicTextBlock => ({ type: 'text', text }), image: toImageBlock });
}

function toImageBlock(url: string, param: string): AnthropicImageBlock {
  const data = DATA_URL_PATTERN.exec(url);
  if (data !== null) return { type: 'image', source: { type: 'base64', media_type: data[1] ?? '', data: data[2] ?? '' } };
  if (url.startsWith('https://') || url.startsWith('http://')) return { type: 'image', source: { type: 'url', url } };
  throw new BadRequestError('image_url must be an http(s) URL or a base64 data: URL', { param });
}

function toToolUse(call: ToolCall, index: number): AnthropicContentBlock {
  return { type: 'tool_use', id: call.id, name: call.function.name, input: parseToolCallArguments(call, index) };
}

function toToolResultContent(content: string | TextContentPart[]): string | AnthropicTextBlock[] {
  return typeof content === 'string' ? content : toTextBlocks(content);
}
