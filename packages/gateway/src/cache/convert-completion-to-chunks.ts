// Replays a cached chat.completion as the chunks of a stream: per choice one chunk with the
// whole message, then one with its finish reason, and the usage chunk when the request asked
// for it (`stream_options.include_usage`), as an OpenAI stream would end.

import type { ChatCompletion, ChatCompletionChunk, ChatCompletionChunkDelta } from 'llmux';

export function convertCompletionToChunks(completion: ChatCompletion, includeUsage: boolean): ChatCompletionChunk[] {
  const base = { id: completion.id, object: 'chat.completion.chunk' as const, created: completion.created, model: completion.model };
  const fingerprint = completion.system_fingerprint === undefined ? {} : { system_fingerprint: completion.system_fingerprint };
  const chunks: ChatCompletionChunk[] = [];
  for (const choice of completion.choices) {
    const message = choice.message;
    const delta: ChatCompletionChunkDelta = { role: 'assistant', content: message.content };
    if (message.reasoning_content !== undefined && message.reasoning_content !== null) delta.reasoning_content = message.reasoning_content;
    if (message.refusal !== undefined && message.refusal !== null) delta.refusal = message.refusal;
    if (message.tool_calls !== undefined && message.tool_calls.length > 0) {
      delta.tool_calls = message.tool_calls.map((call, index) => ({
        index,
        id: call.id,
        type: 'function',
        function: { name: call.function.name, arguments: call.function.arguments },
      }));
    }
    chunks.push({ ...base, ...fingerprint, choices: [{ index: choice.index, delta, finish_reason: null }] });
    chunks.push({ ...base, ...fingerprint, choices: [{ index: choice.index, delta: {}, finish_reason: choice.finish_reason }] });
  }
  if (includeUsage && completion.usage !== undefined) chunks.push({ ...base, ...fingerprint, choices: [], usage: completion.usage });
  return chunks;
}
