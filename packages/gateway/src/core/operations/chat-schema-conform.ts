// Chat replies as OpenAI's schema says (issue #18; conformance-schema.test.ts): translated
// replies get the members the schema requires; passed-through bytes get the few edits it
// needs, done only where a scan finds them, the rest of the bytes being the upstream's. A raw
// `"member":value` in JSON can only be a member, never text: quotes inside strings are escaped.

import type { ChatCompletion } from 'llmux';

/** Some OpenAI-format servers (Azure) write `"system_fingerprint":null`; the schema types it as a string, so a null one is left out. */
const NULL_FINGERPRINT = Buffer.from('"system_fingerprint":null');
const SPACED_NULL_FINGERPRINT = Buffer.from('"system_fingerprint": null');
const NULL_FINGERPRINTS = /,\s*"system_fingerprint":\s*null\b|"system_fingerprint":\s*null\s*,?/g;
/** Azure opens a stream with its prompt-filter results in a chunk whose `object` is empty. */
const EMPTY_OBJECT = Buffer.from('"object":""');
const CHUNK_OBJECT = '"object":"chat.completion.chunk"';

export function hasNullFingerprint(bytes: Buffer): boolean {
  return bytes.includes(NULL_FINGERPRINT) || bytes.includes(SPACED_NULL_FINGERPRINT);
}

/** `bytes` without a null `system_fingerprint` (the same Buffer when it has none). */
export function withoutNullFingerprint(bytes: Buffer): Buffer {
  // latin1 keeps a UTF-8 character that a stream's read cut in two as it came (the patterns are ASCII).
  return hasNullFingerprint(bytes) ? Buffer.from(bytes.toString('latin1').replace(NULL_FINGERPRINTS, ''), 'latin1') : bytes;
}

/** A stream's first bytes with an empty chunk `object` named `chat.completion.chunk` (the same Buffer when none is empty). */
export function withChunkObjectNamed(bytes: Buffer): Buffer {
  return bytes.includes(EMPTY_OBJECT) ? Buffer.from(bytes.toString('latin1').replace('"object":""', CHUNK_OBJECT), 'latin1') : bytes;
}

/** CreateChatCompletionResponse requires `choices[].logprobs` and `message.refusal`, either of which may be null. */
export function conformChatCompletion(completion: ChatCompletion): void {
  for (const choice of completion.choices) {
    if (choice.logprobs === undefined) choice.logprobs = null;
    if (choice.message.refusal === undefined) choice.message.refusal = null;
  }
}
