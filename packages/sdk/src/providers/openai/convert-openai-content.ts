// Message and delta fields shared by responses and streams: content that may arrive as an
// array of typed parts (Mistral: `text` and `thinking`), reasoning under either field name,
// and tool calls whose ids the request side rewrote.

import type { OpenAIMessage, OpenAIToolCall } from './openai-api.js';

export interface OpenAIConvertOptions {
  /** Another field carrying reasoning text (the row's quirk). */
  reasoningField: 'reasoning' | undefined;
  /** Wire id → the caller's id, for ids the request rewrote. */
  toolCallIds: ReadonlyMap<string, string> | undefined;
  /** A leading `<think>…</think>` block in the content is reasoning (the row's quirk). */
  thinkTags?: boolean;
}

export interface FlatContent {
  /** Text content; undefined when the message or delta had none at all. */
  text: string | null | undefined;
  /** Reasoning text found in `thinking` parts. */
  reasoning: string | undefined;
}

export function flattenOpenAIContent(content: OpenAIMessage['content']): FlatContent {
  if (!Array.isArray(content)) return { text: content, reasoning: undefined };
  let text: string | undefined;
  let reasoning: string | undefined;
  for (const part of content) {
    if (typeof part === 'string') {
      text = (text ?? '') + part;
      continue;
    }
    if (typeof part !== 'object' || part === null) continue;
    const typed = part as { type?: unknown; text?: unknown; thinking?: unknown };
    if (typed.type === 'text' && typeof typed.text === 'string') text = (text ?? '') + typed.text;
    else if (typed.type === 'thinking') reasoning = (reasoning ?? '') + textOf(typed.thinking);
  }
  return { text, reasoning };
}

/** reasoning_content as sent (null included), else the row's alternative field, else thinking parts. */
export function reasoningOf(message: OpenAIMessage, flat: FlatContent, options: OpenAIConvertOptions): string | null | undefined {
  if (message.reasoning_content !== undefined) return message.reasoning_content;
  if (options.reasoningField !== undefined) {
    const alternative = message[options.reasoningField];
    if (alternative !== undefined) return alternative;
  }
  return flat.reasoning;
}

export function restoreToolCallId(id: string, options: OpenAIConvertOptions): string {
  return options.toolCallIds?.get(id) ?? id;
}

/** Arguments are JSON text in OpenAI's format; a server that sent the object gets it encoded. */
export function argumentsOf(call: OpenAIToolCall): string | undefined {
  const value = call.function?.arguments;
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) return '';
  let text = '';
  for (const part of value) {
    if (typeof part === 'string') text += part;
    else if (typeof part === 'object' && part !== null && typeof (part as { text?: unknown }).text === 'string') {
      text += (part as { text: string }).text;
    }
  }
  return text;
}
