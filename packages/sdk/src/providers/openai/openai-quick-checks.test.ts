// The quick checks of OpenAI replies and stream chunks must never accept what the wire
// schemas refuse: thousands of replies and chunks built from valid ones, with fields at every
// level set to values of every kind, are checked against the schemas. They must also accept
// the everyday shapes, or they save nothing.

import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRandom } from '@llmux/fake-upstreams';
import { openAIChunkSchema, openAIResponseSchema } from './openai-api.js';
import { isPlainOpenAIChunk, isPlainOpenAIResponse } from './openai-quick-checks.js';

const VALUES: unknown[] = [undefined, null, true, 0, 7, 1.5, '', 'x', [], ['a'], [{ type: 'text', text: 'a' }], {}, { a: 1 }];

const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;

/** Sets a random field at a random depth of `value` to a random value, `times` times. */
function mutate(next: () => number, value: unknown, times: number): unknown {
  const copy = structuredClone(value);
  for (let time = 0; time < times; time += 1) {
    let target: unknown = copy;
    for (let depth = 0; depth < 8; depth += 1) {
      if (typeof target !== 'object' || target === null) break;
      const keys = Object.keys(target);
      if (keys.length === 0 || next() < 0.1) break;
      const key = pick(next, keys);
      const child = (target as Record<string, unknown>)[key];
      if (typeof child !== 'object' || child === null || next() < 0.25) {
        (target as Record<string, unknown>)[key] = structuredClone(pick(next, VALUES));
        target = undefined;
        break;
      }
      target = child;
    }
  }
  return copy;
}

const usage = {
  prompt_tokens: 12,
  completion_tokens: 3,
  total_tokens: 15,
  prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
  completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
};
const toolCall = { id: 'call_1', type: 'function', index: 0, function: { name: 'f', arguments: '{"a":1}' } };
const reply = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'gpt-4o-mini',
  choices: [
    { index: 0, message: { role: 'assistant', content: 'Hello', refusal: null }, logprobs: null, finish_reason: 'stop' },
    { index: 1, message: { role: 'assistant', content: null, tool_calls: [toolCall] }, finish_reason: 'tool_calls' },
  ],
  usage,
  system_fingerprint: 'fp',
  service_tier: 'default',
};
const chunk = {
  id: 'chatcmpl-1',
  object: 'chat.completion.chunk',
  created: 1_700_000_000,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, delta: { role: 'assistant', content: 'He', tool_calls: [toolCall] }, finish_reason: null, logprobs: null }],
  usage: null,
  system_fingerprint: 'fp',
};

function checkAgainstSchema(name: string, base: unknown, accepts: (value: unknown) => boolean, schema: { safeParse(value: unknown): { success: boolean } }): void {
  const next = seededRandom(name.length * 7919);
  let accepted = 0;
  let refused = 0;
  for (let round = 0; round < 10_000; round += 1) {
    const candidate = mutate(next, base, 1 + Math.floor(next() * 3));
    const verdict = schema.safeParse(candidate).success;
    if (!verdict) refused += 1;
    if (accepts(candidate)) {
      accepted += 1;
      assert.ok(verdict, `${name}: accepted what the schema refuses: ${JSON.stringify(candidate)}`);
    }
  }
  // The generator must reach both sides for the check above to mean anything.
  assert.ok(accepted > 1_000, `${name}: only ${accepted} accepted`);
  assert.ok(refused > 1_000, `${name}: only ${refused} refused by the schema`);
}

describe('OpenAI quick checks', () => {
  it('accept no reply that the response schema refuses', () => {
    checkAgainstSchema('reply', reply, isPlainOpenAIResponse, openAIResponseSchema);
  });

  it('accept no chunk that the chunk schema refuses', () => {
    checkAgainstSchema('chunk', chunk, isPlainOpenAIChunk, openAIChunkSchema);
  });

  it('accept the everyday reply and chunks, and leave content parts to the schema', () => {
    assert.equal(isPlainOpenAIResponse(reply), true);
    assert.equal(isPlainOpenAIChunk(chunk), true);
    assert.equal(isPlainOpenAIChunk({ id: 'c', choices: [], usage }), true);
    assert.equal(isPlainOpenAIResponse({ ...reply, choices: [{ index: 0, message: { role: 'assistant', content: [{ type: 'text', text: 'a' }] } }] }), false);
    assert.equal(isPlainOpenAIResponse({ ...reply, choices: undefined }), false);
  });
});
