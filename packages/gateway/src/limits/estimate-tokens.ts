// The token estimate reserved against TPM limits before a call; the actual usage replaces
// it afterwards. Characters / 4 plus the requested completion budget: one pass over string
// lengths, where a real tokenizer (tokenCounter) costs a BPE encode of the whole prompt on
// every request, for a number that is corrected after the call anyway.

export function estimateTokens(body: Record<string, unknown>): number {
  let characters = 0;
  const messages = body.messages;
  if (Array.isArray(messages)) {
    for (const message of messages as unknown[]) {
      const content = (message as { content?: unknown } | null)?.content;
      characters += contentLength(content);
    }
  } else {
    characters += contentLength(body.input);
  }
  const completion = body.max_completion_tokens ?? body.max_tokens;
  return Math.ceil(characters / 4) + (typeof completion === 'number' && completion > 0 ? completion : 0);
}

function contentLength(content: unknown): number {
  if (typeof content === 'string') return content.length;
  if (!Array.isArray(content)) return 0;
  let total = 0;
  for (const part of content as unknown[]) {
    if (typeof part === 'string') total += part.length;
    else if (typeof (part as { text?: unknown } | null)?.text === 'string') total += (part as { text: string }).text.length;
  }
  return total;
}
