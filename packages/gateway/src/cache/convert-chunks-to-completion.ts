// Reassembles a streamed chat reply into one chat.completion, so that a streamed answer can
// serve a later plain request (and be replayed as a stream). Undefined when the stream holds
// what cannot be reassembled faithfully (signed thinking blocks): such a reply is not stored.

import type { ChatCompletion, ChatCompletionChoice, ChatCompletionChunk, ToolCall } from 'llmux';

export function convertChunksToCompletion(chunks: readonly ChatCompletionChunk[]): ChatCompletion | undefined {
  const first = chunks[0];
  if (first === undefined) return undefined;
  const choices = new Map<number, ChatCompletionChoice & { tools: Map<number, ToolCall> }>();
  let usage: ChatCompletion['usage'];
  let fingerprint: string | null | undefined;
  for (const chunk of chunks) {
    if (chunk.usage !== undefined && chunk.usage !== null) usage = chunk.usage;
    if (chunk.system_fingerprint !== undefined) fingerprint = chunk.system_fingerprint;
    for (const part of chunk.choices) {
      const delta = part.delta;
      if (delta.thinking_blocks !== undefined && delta.thinking_blocks.length > 0) return undefined;
      let choice = choices.get(part.index);
      if (choice === undefined) {
        choice = { index: part.index, message: { role: 'assistant', content: null, refusal: null }, finish_reason: null, logprobs: null, tools: new Map() };
        choices.set(part.index, choice);
      }
      const message = choice.message;
      if (typeof delta.content === 'string') message.content = (message.content ?? '') + delta.content;
      if (typeof delta.reasoning_content === 'string') message.reasoning_content = (message.reasoning_content ?? '') + delta.reasoning_content;
      if (typeof delta.refusal === 'string') message.refusal = (message.refusal ?? '') + delta.refusal;
      for (const call of delta.tool_calls ?? []) {
        const known = choice.tools.get(call.index);
        if (known === undefined) {
          choice.tools.set(call.index, { id: call.id ?? '', type: 'function', function: { name: call.function?.name ?? '', arguments: call.function?.arguments ?? '' } });
        } else {
          if (call.id !== undefined) known.id = call.id;
          if (call.function?.name !== undefined) known.function.name += call.function.name;
          if (call.function?.arguments !== undefined) known.function.arguments += call.function.arguments;
        }
      }
      if (part.finish_reason !== null) choice.finish_reason = part.finish_reason;
    }
  }
  const completion: ChatCompletion = {
    id: first.id,
    object: 'chat.completion',
    created: first.created,
    model: first.model,
    choices: [...choices.values()]
      .sort((left, right) => left.index - right.index)
      .map(({ tools, ...choice }) =>
        tools.size === 0 ? choice : { ...choice, message: { ...choice.message, tool_calls: [...tools.entries()].sort(([a], [b]) => a - b).map(([, call]) => call) } },
      ),
  };
  if (usage !== undefined) completion.usage = usage;
  if (fingerprint !== undefined) completion.system_fingerprint = fingerprint;
  return completion;
}
