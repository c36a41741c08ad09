// Canonical messages → Gemini `systemInstruction` + `contents`. System and developer
// messages move to systemInstruction; assistant turns become role "model" with
// functionCall parts; tool results become functionResponse parts named after the call
// they answer. Consecutive same-role turns merge, so parallel tool results share one turn
// as Gemini expects.

import { BadRequestError } from '../../errors/error-classes.js';
import { mapUserContent, nonEmptyTexts } from '../map-user-content.js';
import type { ChatMessage, ContentPart, TextContentPart, ToolCall } from '../../spec/index.js';
import type { GeminiContent, GeminiPart, GeminiTextPart } from './gemini-api.js';
import { toGeminiAudioPart, toGeminiFilePart, toGeminiImagePart } from './convert-to-gemini-file-part.js';
import { readThoughtSignature } from './gemini-tool-call-id.js';

export interface GeminiPrompt {
  systemInstruction: { parts: GeminiTextPart[] } | undefined;
  contents: GeminiContent[];
}

export function convertToGeminiContents(messages: readonly ChatMessage[]): GeminiPrompt {
  const system: GeminiTextPart[] = [];
  const contents: GeminiContent[] = [];
  const toolNames = new Map<string, string>();
  const append = (role: GeminiContent['role'], parts: GeminiPart[]): void => {
    if (parts.length === 0) return;
    const last = contents.at(-1);
    if (last !== undefined && last.role === role) last.parts.push(...parts);
    else contents.push({ role, parts });
  };

  messages.forEach((message, index) => {
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push(...toTextParts(message.content));
        break;
      case 'user':
        append('user', toUserParts(message.content, index));
        break;
      case 'assistant': {
        // reasoning_content is not sent back: Gemini takes thoughts only as its own signatures.
        const calls = (message.tool_calls ?? []).map((call) => {
          toolNames.set(call.id, call.function.name);
          return toFunctionCallPart(call, index);
        });
        append('model', [...toTextParts(message.content), ...calls]);
        break;
      }
      case 'tool': {
        const name = toolNames.get(message.tool_call_id);
        if (name === undefined) {
          throw new BadRequestError(`tool message answers tool_call_id "${message.tool_call_id}", which no earlier assistant message called`, {
            param: `messages[${index}].tool_call_id`,
          });
        }
        const content = typeof message.content === 'string' ? message.content : message.content.map((part) => part.text).join('');
        append('user', [{ functionResponse: { name, response: { content } } }]);
        break;
      }
      default: {
        const exhaustive: never = message;
        throw new BadRequestError(`unknown message role in ${JSON.stringify(exhaustive)}`, { param: `messages[${index}].role` });
      }
    }
  });

  return { systemInstruction: system.length === 0 ? undefined : { parts: system }, contents };
}

/** Text as parts, without empty strings (Gemini rejects a part with no data). */
function toTextParts(content: string | TextContentPart[] | null | undefined): GeminiTextPart[] {
  return nonEmptyTexts(content).map((text) => ({ text }));
}

function toUserParts(content: string | ContentPart[], index: number): GeminiPart[] {
  return mapUserContent<GeminiPart>(content, index, {
    provider: 'gemini',
    text: (text) => ({ text }),
    image: toGeminiImagePart,
    file: toGeminiFilePart,
    audio: toGeminiAudioPart,
  });
}

function toFunctionCallPart(call: ToolCall, index: number): GeminiPart {
  const signature = readThoughtSignature(call.id);
  const functionCall = { name: call.function.name, args: parseArguments(call, index) };
  return signature === undefined ? { functionCall } : { functionCall, thoughtSignature: signature };
}

/** Gemini takes arguments as an object, where OpenAI sends a JSON string. */
function parseArguments(call: ToolCall, index: number): Record<string, unknown> {
  const text = call.function.arguments.trim();
  if (text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BadRequestError(`tool call "${call.id}" has arguments that are not a JSON object`, { param: `messages[${index}].tool_calls` });
  }
  return value as Record<string, unknown>;
}
