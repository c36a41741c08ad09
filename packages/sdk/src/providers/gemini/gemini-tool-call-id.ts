// Gemini returns function calls without ids, but Gemini 3 refuses a conversation whose
// earlier function calls come back without the opaque `thoughtSignature` it attached to them.
// OpenAI clients round-trip only the tool-call id, so the signature rides inside it:
// `call_<random>` or `call_<random>__thought__<signature in base64url>`. base64url keeps
// the id within `[A-Za-z0-9_-]`, which every provider a conversation may move to accepts.

import { randomBytes } from 'node:crypto';

const SIGNATURE_MARKER = '__thought__';

export function createGeminiToolCallId(upstreamId: string | null | undefined, thoughtSignature: string | null | undefined): string {
  const id = upstreamId !== null && upstreamId !== undefined && upstreamId !== '' ? upstreamId : `call_${randomBytes(12).toString('hex')}`;
  if (thoughtSignature === null || thoughtSignature === undefined || thoughtSignature === '') return id;
  return `${id}${SIGNATURE_MARKER}${Buffer.from(thoughtSignature, 'base64').toString('base64url')}`;
}

/** The thought signature carried by an id this module created, in standard base64. */
export function readThoughtSignature(toolCallId: string): string | undefined {
  const at = toolCallId.indexOf(SIGNATURE_MARKER);
  if (at === -1) return undefined;
  const encoded = toolCallId.slice(at + SIGNATURE_MARKER.length);
  return encoded === '' ? undefined : Buffer.from(encoded, 'base64url').toString('base64');
}
