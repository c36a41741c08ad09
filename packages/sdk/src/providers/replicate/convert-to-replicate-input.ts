// Canonical chat request → a Replicate prediction's `input`. Replicate's language models take
// one `prompt` and a `system_prompt`, not messages: earlier turns are written into the prompt
// as role-labelled lines, as LiteLLM's default template does. Tools have no place there.

import type { ChatCompletionRequest, ChatMessage, ChatParameterName } from '../../spec/index.js';
import { unsupportedPart } from '../map-user-content.js';
import { chatParamSet, SEED_AND_PENALTIES } from '../chat-param-sets.js';

/** What the common Replicate language-model inputs take (Llama, Mistral, Granite, ...). */
export const REPLICATE_SUPPORTED_PARAMS: ReadonlySet<ChatParameterName> = chatParamSet(...SEED_AND_PENALTIES, 'top_k');

export function convertToReplicateInput(request: ChatCompletionRequest): Record<string, unknown> {
  const texts = new Map(request.messages.map((message, index) => [message, textOf(message, index)]));
  const system = request.messages.filter((message) => message.role === 'system' || message.role === 'developer').map((message) => texts.get(message) ?? '');
  const turns = request.messages.filter((message) => message.role !== 'system' && message.role !== 'developer');
  const single = turns.length === 1 && turns[0]?.role === 'user';
  const prompt = single ? (texts.get(turns[0] as ChatMessage) ?? '') : `${turns.map((message) => `${message.role}: ${texts.get(message) ?? ''}`).join('\n')}\nassistant:`;
  const input: Record<string, unknown> = { prompt };
  if (system.length > 0) input['system_prompt'] = system.join('\n');
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (maxTokens !== undefined && maxTokens !== null) input['max_tokens'] = maxTokens;
  for (const name of ['temperature', 'top_p', 'top_k', 'seed', 'presence_penalty', 'frequency_penalty'] as const) {
    const value = request[name];
    if (value !== undefined && value !== null) input[name] = value;
  }
  // Replicate's language models take stop sequences as one comma-separated string.
  if (request.stop !== undefined && request.stop !== null) input['stop_sequences'] = (Array.isArray(request.stop) ? request.stop : [request.stop]).join(',');
  return input;
}

/** A prompt is text only: an image, file or audio part would be lost, so it is refused by name. */
function textOf(message: ChatMessage, index: number): string {
  const content = message.content;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part, partIndex) => {
      if (part.type === 'text') return part.text;
      throw unsupportedPart(part.type, 'replicate', `messages[${index}].content[${partIndex}]`);
    })
    .join('');
}
