// A passed-through body's `model`, changed in the client's bytes instead of serialising the
// parsed body again (issue 19: "patched rather than rebuilt"). Only where the answer is
// certain: the top-level `"model"` key must be the only `"model"` token in the bytes, and
// the bytes must hold no `\u` escape. Why both: without `\u`, the top-level key can only be
// written as the literal `"model"` (no other JSON escape spells a letter), and a second
// literal (a nested key, a `"role":"model"` value) would leave which one is the top-level
// key to a parse. Otherwise, or when the value is not a plain string, the caller serialises.
// Getting this wrong would send the client's own model name upstream while the call is
// routed and billed as the deployment's, so every doubt falls back.

const MODEL_TOKEN = Buffer.from('"model"');
const UNICODE_ESCAPE = Buffer.from('\\u');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

/** `bytes` with the top-level `model` value replaced by `model`; undefined when not certain. */
export function patchBodyModel(bytes: Buffer, model: string): Buffer | undefined {
  const key = bytes.indexOf(MODEL_TOKEN);
  if (key === -1 || bytes.indexOf(MODEL_TOKEN, key + MODEL_TOKEN.length) !== -1 || bytes.indexOf(UNICODE_ESCAPE) !== -1) return undefined;
  let at = skipSpace(bytes, key + MODEL_TOKEN.length);
  if (bytes[at] !== COLON) return undefined;
  at = skipSpace(bytes, at + 1);
  if (bytes[at] !== QUOTE) return undefined;
  const end = bytes.indexOf(QUOTE, at + 1);
  // An escaped character in the value: not a model name worth the doubt.
  if (end === -1 || bytes.subarray(at + 1, end).includes(BACKSLASH)) return undefined;
  return Buffer.concat([bytes.subarray(0, at), Buffer.from(JSON.stringify(model)), bytes.subarray(end + 1)]);
}

function skipSpace(bytes: Buffer, from: number): number {
  let index = from;
  while (bytes[index] === 0x20 || bytes[index] === 0x0a || bytes[index] === 0x0d || bytes[index] === 0x09) index++;
  return index;
}
