// applyStructuredOutput(): a validated reply lands in message.parsed; invalid JSON or a
// reply that does not match fails with the failing paths and the raw text.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { JSONSchemaValidationError } from '../errors/error-classes.js';
import type { ChatCompletion, ChatCompletionMessage } from '../spec/chat-completion.js';
import { applyStructuredOutput } from './apply-structured-output.js';

const schema = z.object({ city: z.string(), temperature: z.number(), tags: z.array(z.string()) });
const metadata = { provider: 'openai', model: 'gpt-4o-mini', cost: null, warnings: [] };

function response(...messages: Array<Partial<ChatCompletionMessage>>): ChatCompletion {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 0,
    model: 'gpt-4o-mini',
    choices: messages.map((message, index) => ({
      index,
      message: { role: 'assistant', content: null, refusal: null, ...message },
      logprobs: null,
      finish_reason: 'stop',
    })),
  };
}

function expectValidationError(completion: ChatCompletion, pattern: RegExp, raw: string): void {
  assert.throws(
    () => applyStructuredOutput(completion, schema, metadata),
    (error: unknown) => {
      assert.ok(error instanceof JSONSchemaValidationError);
      assert.match(error.message, pattern);
      assert.equal(error.rawResponse, raw);
      assert.equal(error.provider, 'openai');
      assert.equal(error.model, 'gpt-4o-mini');
      return true;
    },
  );
}

describe('applyStructuredOutput', () => {
  it('sets parsed on every choice that validates', () => {
    const completion = response({ content: '{"city":"Paris","temperature":21.5,"tags":["sunny"]}' }, { content: '{"city":"Oslo","temperature":-3,"tags":[],"extra":true}' });
    applyStructuredOutput(completion, schema, metadata);
    assert.deepEqual(completion.choices[0]?.message.parsed, { city: 'Paris', temperature: 21.5, tags: ['sunny'] });
    assert.deepEqual(completion.choices[1]?.message.parsed, { city: 'Oslo', temperature: -3, tags: [] });
  });

  it('names every failing path', () => {
    const raw = '{"city":42,"tags":["ok",7]}';
    expectValidationError(response({ content: raw }), /at "city": .*; at "temperature": .*; at "tags\[1\]": /, raw);
  });

  it('fails on text that is not JSON, and says when the reply was cut off', () => {
    expectValidationError(response({ content: 'Sure! Here it is:' }), /is not valid JSON/, 'Sure! Here it is:');
    const truncated = response({ content: '{"city":"Par' });
    truncated.choices[0]!.finish_reason = 'length';
    expectValidationError(truncated, /not valid JSON.*cut off at the token limit/, '{"city":"Par');
  });

  it('leaves refusals and tool-call-only replies unparsed', () => {
    const completion = response(
      { content: null, refusal: 'I cannot help with that.' },
      { content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
      { content: '', tool_calls: [{ id: 'call_2', type: 'function', function: { name: 'f', arguments: '{}' } }] },
    );
    applyStructuredOutput(completion, schema, metadata);
    for (const choice of completion.choices) assert.equal(choice.message.parsed, undefined);
  });
});
