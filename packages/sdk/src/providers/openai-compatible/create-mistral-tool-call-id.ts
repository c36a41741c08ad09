// Mistral accepts only tool-call ids of exactly 9 characters [a-zA-Z0-9] and answers 400
// ("Tool call id was ... but must be a-z, A-Z, 0-9, with a length of 9") to anything else.
// Other ids are hashed to one: the same id always gives the same 9 characters, so an
// assistant's tool_calls and the tool messages answering them stay paired.

import { createHash } from 'node:crypto';

const MISTRAL_ID = /^[a-zA-Z0-9]{9}$/;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function createMistralToolCallId(id: string): string {
  if (MISTRAL_ID.test(id)) return id;
  const digest = createHash('sha256').update(id).digest();
  let out = '';
  for (let index = 0; index < 9; index += 1) out += ALPHABET[(digest[index] ?? 0) % ALPHABET.length];
  return out;
}
