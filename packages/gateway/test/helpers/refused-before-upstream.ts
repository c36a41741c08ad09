// The refusals the gateway makes before any upstream call (a key without access to the model
// group, a key over its budget), as the operation tests check them with the openai client: the
// error's class and message, and no request reaching the fakes in the meantime.

import * as assert from 'node:assert/strict';
import OpenAI from 'openai';

/** The openai client's error for a key not allowed the model group `model`. */
export function notAllowed(model: string): (error: unknown) => boolean {
  return (error) => error instanceof OpenAI.AuthenticationError && error.message.includes(`not allowed to access model ${model}`);
}

/** The openai client's error for a key over its budget. */
export function overBudget(error: unknown): boolean {
  return error instanceof OpenAI.RateLimitError && /budget/i.test(error.message);
}

/** Asserts `call` is refused as `refusal` says, while the count of upstream requests (`requests`) stays put. */
export async function assertRefusedBeforeUpstream(call: () => Promise<unknown>, refusal: (error: unknown) => boolean, requests: () => number): Promise<void> {
  const before = requests();
  await assert.rejects(call(), refusal);
  assert.equal(requests(), before);
}
