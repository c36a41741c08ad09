// What a test reads from a chat stream the `openai` client returns: the text, the usage
// chunk, the last finish reason, the chunk count and the ids the chunks carried.

import type OpenAI from 'openai';

export interface ChatStreamSummary {
  text: string;
  usage: OpenAI.CompletionUsage | undefined;
  finish: string | undefined;
  chunks: number;
  ids: Set<string>;
}

export async function readChatStream(stream: AsyncIterable<OpenAI.ChatCompletionChunk>): Promise<ChatStreamSummary> {
  const summary: ChatStreamSummary = { text: '', usage: undefined, finish: undefined, chunks: 0, ids: new Set() };
  for await (const chunk of stream) {
    summary.chunks += 1;
    summary.ids.add(chunk.id);
    summary.text += chunk.choices[0]?.delta.content ?? '';
    summary.finish = chunk.choices[0]?.finish_reason ?? summary.finish;
    if (chunk.usage) summary.usage = chunk.usage;
  }
  return summary;
}
