// Canonical messages → Anthropic `system` + alternating user/assistant messages. System
// and developer messages move to the top-level `system`; tool results become user
// `tool_result` blocks; consecutive same-role messages merge, since Anthropic requires
// the roles to alternate. An assistant turn's thinking_blocks go first, as Claude wrote
// them: with thinking on, a tool loop continues only if its turn starts with them.
// cache_control is kept on the block it marks; on a whole message it marks the message's
// last block (LiteLLM's reading).

import { BadRequestError } from '../../errors/error-classes.js';
import { mapUserContent } from '../map-user-content.js';
import type { CacheControl, ChatMessage, ContentPart, TextContentPart, ToolCall } from '../../spec/index.js';
import { groupAlternatingTurns } from '../group-alternating-turns.js';
import { parseThinkingBlocks } from '../parse-thinking-blocks.js';
import { parseToolCallArguments } from '../parse-tool-call-arguments.js';
import type { AnthropicContentBlock, AnthropicImageBlock, AnthropicMessage, AnthropicTextBlock } from './anthropic-api.js';
import { convertAnthropicFile } from './convert-anthropic-file.js';

export interface AnthropicPrompt {
  system: string | AnthropicTextBlock[] | undefined;
  messages: AnthropicMessage[];
}

const DATA_URL_PATTERN = /^data:([^;,]+);base64,(.*)$/s;

export function convertToAnthropicMessages(messages: readonly ChatMessage[]): AnthropicPrompt {
  const { system, turns } = groupAlternatingTurns<AnthropicContentBlock, AnthropicTextBlock>(messages, {
    system: (message, index) => markLast(toTextBlocks(message.content), message.cache_control, index),
    user: (message, index) => markLast(toUserBlocks(message.content, index), message.cache_control, index),
    // reasoning_content is not sent back: Anthropic only accepts thinking with the
    // signature it issued, which thinking_blocks carry.
    assistant: (message, index) =>
      markLast(
        [...parseThinkingBlocks(message, index), ...toTextBlocks(message.content), ...(message.tool_calls ?? []).map((call) => toToolUse(call, index))],
        message.cache_control,
        index,
      ),
    tool: (message, index) => markLast([{ type: 'tool_result', tool_use_id: message.tool_call_id, content: toToolResultContent(message.content) }], message.cache_control, index),
  });
  // A lone system text goes as a plain string, unless it carries a cache breakpoint.
  const only = system.length === 1 ? system[0] : undefined;
  return { system: system.length === 0 ? undefined : only !== undefined && only.cache_control === undefined ? only.text : system, messages: turns };
}

/** Text content as blocks, without empty strings (Anthropic rejects empty text blocks). */
function toTextBlocks(content: string | TextContentPart[] | null | undefined): AnthropicTextBlock[] {
  if (content === null || content === undefined) return [];
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  return content.filter((part) => part.text !== '').map((part) => withCacheControl<AnthropicTextBlock>({ type: 'text', text: part.text }, part.cache_control));
}

function toUserBlocks(content: string | ContentPart[], index: number): AnthropicContentBlock[] {
  return mapUserContent<AnthropicContentBlock>(content, index, {
    provider: 'anthropic',
    text: (text): AnthropicTextBlock => ({ type: 'text', text }),
    image: toImageBlock,
    file: convertAnthropicFile,
    cacheBreakpoint: (block, cacheControl) => [withCacheControl(block, cacheControl)],
  });
}

/** The message-level breakpoint goes on the message's last block; thinking blocks cannot carry one. */
function markLast<Block extends AnthropicContentBlock>(blocks: Block[], cacheControl: CacheControl | undefined, index: number): Block[] {
  const last = blocks.at(-1);
  if (cacheControl === undefined || last === undefined) return blocks;
  if (last.type === 'thinking' || last.type === 'redacted_thinking') {
    throw new BadRequestError('cache_control cannot mark a message that ends in a thinking block', { param: `messages[${index}].cache_control` });
  }
  return [...blocks.slice(0, -1), withCacheControl(last, cacheControl)];
}

function withCacheControl<Block extends AnthropicContentBlock>(block: Block, cacheControl: CacheControl | undefined): Block {
  return cacheControl === undefined ? block : { ...block, cache_control: cacheControl };
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
