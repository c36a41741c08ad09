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
  // The same as bytes: Buffer.includes converts a string needle on every call, and the
  // OpenAI row (whose self-hosted servers send `reasoning`) searches every reply and stream read.
  readonly fromBytes: Buffer;
  readonly toBytes: Buffer;
}

export function keyRename(from: string, to: string): KeyRename {
  const names = { from: `"${from}":`, to: `"${to}":` };
  return { ...names, fromBytes: Buffer.from(names.from), toBytes: Buffer.from(names.to) };
}

/** The bytes with the key renamed; unchanged when they lack it or already carry the new name. */
export function renameReplyKey(bytes: Buffer, rename: KeyRename): Buffer {
  if (!bytes.includes(rename.fromBytes) || bytes.includes(rename.toBytes)) return bytes;
  return Buffer.from(bytes.toString('utf8').replaceAll(rename.from, rename.to), 'utf8');
}
