// The chat route's quick yes must never accept a body the schema refuses: over thousands of
// bodies built from valid ones with fields set to values of every kind, each body it accepts
// is checked against the schema. It must also say yes to the everyday bodies, or it saves
// nothing.

import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRandom } from '@llmux/fake-upstreams';
import { CHAT_REQUEST, CHAT_REQUEST_FIELDS, chatRequestSchema } from '../src/routes/chat-request-schema.js';

const accepts = CHAT_REQUEST.accepts ?? (() => false);

const VALUES: unknown[] = [undefined, null, true, false, 0, 1, -3, 1.5, 2 ** 60, '', 'x', 'user', [], ['a'], [1], {}, { a: 1 }];

const MESSAGES: unknown[] = [
  { role: 'user', content: 'hi' },
  { role: 'system', content: '' },
  { role: 'assistant', content: 'ok', name: 'bot' },
  { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] },
  { role: 'tool', content: 'r', tool_call_id: 'c' },
  { role: 'tool', content: 'r' },
  { role: 'user', content: null },
  { role: 'user' },
  { role: 'user', content: [{ type: 'text', text: 'a' }] },
  { role: 'user', content: [{ type: 'text' }] },
  { role: 'user', content: 'x', name: 3 },
  { role: 'user', content: 'x', tool_call_id: 4 },
  { role: 7, content: 'x' },
  { content: 'x' },
  'user: hi',
  null,
  [],
];

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)] as T;
}

function body(next: () => number): Record<string, unknown> {
  const count = 1 + Math.floor(next() * 3);
  const draft: Record<string, unknown> = {
    model: next() < 0.9 ? 'gpt-4o-mini' : pick(next, VALUES),
    messages: next() < 0.9 ? Array.from({ length: count }, () => (next() < 0.6 ? MESSAGES[0] : pick(next, MESSAGES))) : pick(next, VALUES),
  };
  const fields = [...CHAT_REQUEST_FIELDS, 'vendor_extension', 'stream_options', 'metadata'];
  const changes = Math.floor(next() * 4);
  for (let change = 0; change < changes; change += 1) draft[pick(next, fields)] = pick(next, VALUES);
  if (next() < 0.05) delete draft['model'];
  if (next() < 0.05) delete draft['messages'];
  return draft;
}

describe('the chat request quick check', () => {
  it('accepts no body that the schema refuses', () => {
    const next = seededRandom(20261125);
    let accepted = 0;
    let refusedBySchema = 0;
    for (let round = 0; round < 20_000; round += 1) {
      const candidate = body(next);
      const verdict = chatRequestSchema.safeParse(candidate).success;
      if (!verdict) refusedBySchema += 1;
      if (accepts(candidate)) {
        accepted += 1;
        assert.ok(verdict, `accepted a body the schema refuses: ${JSON.stringify(candidate)}`);
      }
    }
    // The generator must exercise both sides for the check above to mean anything.
    assert.ok(accepted > 2_000, `only ${accepted} bodies accepted`);
    assert.ok(refusedBySchema > 2_000, `only ${refusedBySchema} bodies refused by the schema`);
  });

  it('accepts the everyday bodies and leaves deeper fields to the schema', () => {
    const messages = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hello' },
    ];
    assert.equal(accepts({ model: 'gpt-4o-mini', messages, max_tokens: 128, temperature: 0.2 }), true);
    assert.equal(accepts({ model: 'm', messages, stream: true, user: 'u-1', seed: 7, vendor_extension: { a: 1 } }), true);
    assert.equal(accepts({ model: 'm', messages, tools: [] }), false);
    assert.equal(accepts({ model: 'm', messages, stream_options: { include_usage: true } }), false);
    assert.equal(accepts({ model: 'm', messages: [{ role: 'user', content: [{ type: 'text', text: 'a' }] }] }), false);
    assert.equal(accepts({ model: '', messages }), false);
  });
});
