// Canonical messages → Ollama chat messages. Ollama takes one text per message plus base64
// images beside it, tool-call arguments as objects, and names a tool result by the tool's
// name rather than the call's id, so ids are resolved from the earlier assistant turns.

import { BadRequestError, UnsupportedParamsError } from '../../errors/error-classes.js';
import { unsupportedPart } from '../map-user-content.js';
import type { ChatMessage, ContentPart, TextContentPart, ToolCall } from '../../spec/index.js';
import { parseToolCallArguments } from '../parse-tool-call-arguments.js';
import type { OllamaMessage, OllamaToolCall } from './ollama-api.js';

const DATA_URL_PATTERN = /^data:[^;,]*;base64,(.*)$/s;

export function convertToOllamaMessages(messages: readonly ChatMessage[]): OllamaMessage[] {
  const toolNames = new Map<string, string>();
  return messages.map((message, index): OllamaMessage => {
    switch (message.role) {
      case 'system':
      case 'developer':
        return { role: 'system', content: joinText(message.content) };
      case 'user':
        return toUserMessage(message.content, index);
      case 'assistant': {
        const out: OllamaMessage = { role: 'assistant', content: joinText(message.content) };
        if (message.tool_calls !== undefined && message.tool_calls.length > 0) {
          for (const call of message.tool_calls) toolNames.set(call.id, call.function.name);
          out.tool_calls = message.tool_calls.map((call) => toOllamaToolCall(call, index));
        }
        if (message.reasoning_content) out.thinking = message.reasoning_content;
        return out;
      }
      case 'tool': {
        const out: OllamaMessage = { role: 'tool', content: joinText(message.content) };
        const name = toolNames.get(message.tool_call_id);
        if (name !== undefined) out.tool_name = name;
        return out;
      }
      default: {
        const exhaustive: never = message;
        throw new BadRequestError(`unknown message role in ${JSON.stringify(exhaustive)}`, { param: `messages[${index}].role` });
      }
    }
  });
}

/** Text parts as one string, as OpenAI reads them: Ollama has one content string per message. */
export function joinText(content: string | TextContentPart[] | null | undefined): string {
  if (content === null || content === undefined) return '';
  return typeof content === 'string' ? content : content.map((part) => part.text).join('');
}

export function toUserMessage(content: string | ContentPart[], index: number): OllamaMessage {
  if (typeof content === 'string') return { role: 'user', content };
  const texts: string[] = [];
  const images: string[] = [];
  content.forEach((part, partIndex) => {
    switch (part.type) {
      case 'text':
        texts.push(part.text);
        break;
      case 'image_url':
        images.push(toBase64Image(part.image_url.url, `messages[${index}].content[${partIndex}]`));
        break;
      case 'file':
      case 'input_audio':
        throw unsupportedPart(part.type, 'ollama', `messages[${index}].content[${partIndex}]`);
      default: {
        const exhaustive: never = part;
        throw new BadRequestError(`unsupported content part ${JSON.stringify(exhaustive)}`, { param: `messages[${index}].content` });
      }
    }
  });
  const message: OllamaMessage = { role: 'user', content: texts.join('') };
  if (images.length > 0) message.images = images;
  return message;
}

/**
 * Ollama reads images only as inline base64. Fetching a URL on the caller's behalf would
 * let a prompt make the gateway request arbitrary addresses, so URLs are refused.
 */
function toBase64Image(url: string, param: string): string {
  const data = DATA_URL_PATTERN.exec(url);
  if (data !== null) return data[1] ?? '';
  throw new UnsupportedParamsError('Ollama accepts images only as base64 data: URLs (data:image/png;base64,...); llmux does not download image URLs', { param });
}

function toOllamaToolCall(call: ToolCall, index: number): OllamaToolCall {
  return { function: { name: call.function.name, arguments: parseToolCallArguments(call, index) } };
}
