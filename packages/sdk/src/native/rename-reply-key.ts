// Renames one key in a passed-through reply's bytes, for OpenAI-format servers that name a
// field differently from what llmux's translation gives clients (vLLM's `reasoning`, which a
// translated call returns as `reasoning_content`). Inside JSON strings a quote is escaped, so
// `"<name>":` in the bytes is always a key. Bytes without it (every real OpenAI reply) are
// returned as they are, after one search.

export interface KeyRename {
  /** `"reasoning":` */
  readonly from: string;
  /** `"reasoning_content":` */
  readonly to: string;
}

export function keyRename(from: string, to: string): KeyRename {
  return { from: `"${from}":`, to: `"${to}":` };
}

/** The bytes with the key renamed; unchanged when they lack it or already carry the new name. */
export function renameReplyKey(bytes: Buffer, rename: KeyRename): Buffer {
  if (!bytes.includes(rename.from) || bytes.includes(rename.to)) return bytes;
  return Buffer.from(bytes.toString('utf8').replaceAll(rename.from, rename.to), 'utf8');
}

/** A stream's chunks with the key renamed in each (a key split across two chunks is left as sent). */
export function renameStreamKey(source: AsyncIterator<Buffer>, rename: KeyRename): AsyncIterator<Buffer> {
  return {
    next: () => source.next().then((step) => (step.done === true ? step : { done: false, value: renameReplyKey(step.value, rename) })),
    return: async () => (source.return === undefined ? { done: true, value: undefined } : source.return()),
  };
}
