// Anthropic `system` + `messages` → canonical messages. A user turn's tool_result blocks
// become `tool` messages placed first (OpenAI wants them right after the assistant's
// tool_calls); an assistant turn's thinking blocks become thinking_blocks, kept signed.

import { BadRequestError } from '../../errors/error-classes.js';
import type { AssistantMessage, ChatMessage, ContentPart, TextContentPart, ThinkingBlock, ToolCall } from '../../spec/index.js';
import type { AnthropicContentBlockParam, AnthropicCountTokensRequest, AnthropicTextBlockParam } from './anthropic-messages-api.js';
import { collapseTextParts, convertImageBlock, convertTextBlock, noteCacheControl } from './convert-anthropic-content.js';
import { convertAnthropicToolResult } from './convert-anthropic-tool-result.js';
import type { TranslationReport } from './create-translation-report.js';

export function convertAnthropicMessagesPrompt(body: Pick<AnthropicCountTokensRequest, 'system' | 'messages'>, report: TranslationReport): ChatMessage[] {
  const out: ChatMessage[] = [];
  if (body.system !== undefined && body.system !== null && body.system !== '') {
    out.push({ role: 'system', content: convertSystem(body.system, 'system', report) });
  }
  body.messages.forEach((message, index) => {
    const param = `messages[${index}]`;
    const content = message.content;
    switch (message.role) {
      case 'system':
        out.push({ role: 'system', content: convertSystem(content, `${param}.content`, report) });
        break;
      case 'user':
        if (typeof content === 'string') out.push({ role: 'user', content });
        else convertUserBlocks(content, param, report, out);
        break;
      case 'assistant':
        out.push(typeof content === 'string' ? { role: 'assistant', content } : convertAssistantBlocks(content, param, report));
        break;
      default: {
        const exhaustive: never = message.role;
        throw new BadRequestError(`unknown message role "${String(exhaustive)}"`, { param: `${param}.role` });
      }
    }
  });
  return out;
}

function convertSystem(system: string | AnthropicContentBlockParam[], param: string, report: TranslationReport): string | TextContentPart[] {
  if (typeof system === 'string') return system;
  return collapseTextParts(system.map((block, index) => convertTextBlock(asText(block, `${param}[${index}]`), `${param}[${index}]`, report)));
}

function asText(block: AnthropicContentBlockParam, param: string): AnthropicTextBlockParam {
  if (block.type === 'text') return block;
  throw new BadRequestError(`a system prompt takes only text blocks, not "${block.type}"`, { param });
}

function convertUserBlocks(blocks: AnthropicContentBlockParam[], param: string, report: TranslationReport, out: ChatMessage[]): void {
  const parts: ContentPart[] = [];
  const movedImages: ContentPart[] = [];
  blocks.forEach((block, index) => {
    const blockParam = `${param}.content[${index}]`;
    switch (block.type) {
      case 'text':
        parts.push(convertTextBlock(block, blockParam, report));
        break;
      case 'image': {
        const image = convertImageBlock(block, blockParam, report);
        if (image !== undefined) parts.push(image);
        break;
      }
      case 'tool_result': {
        const result = convertAnthropicToolResult(block, blockParam, report);
        out.push(result.message);
        movedImages.push(...result.images);
        break;
      }
      case 'document':
        report.unsupported(blockParam, 'documents (PDF, text) have no canonical content part; only Claude deployments read them');
        break;
      case 'tool_use':
      case 'thinking':
      case 'redacted_thinking':
        throw new BadRequestError(`a user turn cannot hold a "${block.type}" block; it belongs to the assistant`, { param: blockParam });
      default:
        unknownBlock(block, blockParam, report);
    }
  });
  const content = [...movedImages, ...parts];
  if (content.length === 0) return;
  const onlyText = content.every((part): part is TextContentPart => part.type === 'text');
  out.push({ role: 'user', content: onlyText ? collapseTextParts(content) : content });
}

function convertAssistantBlocks(blocks: AnthropicContentBlockParam[], param: string, report: TranslationReport): AssistantMessage {
  const texts: TextContentPart[] = [];
  const toolCalls: ToolCall[] = [];
  const thinkingBlocks: ThinkingBlock[] = [];
  blocks.forEach((block, index) => {
    const blockParam = `${param}.content[${index}]`;
    switch (block.type) {
      case 'text':
        texts.push(convertTextBlock(block, blockParam, report));
        break;
      case 'tool_use':
        noteCacheControl(block.cache_control, blockParam, report);
        toolCalls.push({ id: block.id, type: 'function', function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) } });
        break;
      case 'thinking':
        thinkingBlocks.push({ type: 'thinking', thinking: block.thinking, signature: block.signature });
        break;
      case 'redacted_thinking':
        thinkingBlocks.push({ type: 'redacted_thinking', data: block.data });
        break;
      case 'image':
      case 'document':
      case 'tool_result':
        throw new BadRequestError(`an assistant turn cannot hold a "${block.type}" block`, { param: blockParam });
      default:
        unknownBlock(block, blockParam, report);
    }
  });
  const message: AssistantMessage = { role: 'assistant', content: texts.length === 0 ? (toolCalls.length > 0 ? null : '') : collapseTextParts(texts) };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (thinkingBlocks.length > 0) {
    message.thinking_blocks = thinkingBlocks;
    // Providers that take earlier reasoning back as text (DeepSeek) read this one.
    const reasoning = thinkingBlocks.map((block) => (block.type === 'thinking' ? block.thinking : '')).join('');
    if (reasoning !== '') message.reasoning_content = reasoning;
  }
  return message;
}

/** Block types the canonical form does not know (server tool use and results, search results, …). */
function unknownBlock(block: never, param: string, report: TranslationReport): void {
  const type = String((block as { type: unknown }).type);
  report.unsupported(param, `"${type}" blocks have no canonical form; only Claude deployments take them`);
}
