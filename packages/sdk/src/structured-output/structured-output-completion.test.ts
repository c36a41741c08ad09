// Structured output end to end: completion() with a zod schema as response_format against
// the fake OpenAI upstream. Asserts the json_schema sent on the wire, message.parsed, and
// the typed error for a reply that does not validate.

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { startFakeOpenAIUpstream, type FakeChatReply, type FakeServer } from '@llmux/fake-upstreams';
import { z } from 'zod';
import { JSONSchemaValidationError, completion, completionCost, type ChatMessage } from '../index.js';

const Weather = z.object({ city: z.string(), temperature: z.number(), conditions: z.array(z.enum(['sunny', 'cloudy', 'rain'])) }).meta({ title: 'weather' });

const messages: ChatMessage[] = [{ role: 'user', content: 'Weather in Paris?' }];

describe('completion() with a zod response_format', () => {
  let fake: FakeServer;
  let next: FakeChatReply = {};

  before(async () => {
    fake = await startFakeOpenAIUpstream({ apiKey: 'k', reply: () => next });
  });
  after(async () => {
    await fake.close();
  });

  const call = () => completion({ model: 'openai/gpt-4o-mini', api_base: `${fake.url}/v1`, api_key: 'k', messages, response_format: Weather });

  it('sends a strict json_schema and parses the validated reply', async () => {
    next = {
      content: '{"city":"Paris","temperature":21,"conditions":["sunny"]}',
      usage: { promptTokens: 40, completionTokens: 12, cachedTokens: 8 },
    };
    const before = fake.requests.length;
    const response = await call();
    const sent = fake.requests[before]?.json as { response_format?: unknown };
    assert.deepEqual(sent.response_format, {
      type: 'json_schema',
      json_schema: {
        name: 'weather',
        strict: true,
        schema: {
          type: 'object',
          title: 'weather',
          properties: {
            city: { type: 'string' },
            temperature: { type: 'number' },
            conditions: { type: 'array', items: { type: 'string', enum: ['sunny', 'cloudy', 'rain'] } },
          },
          required: ['city', 'temperature', 'conditions'],
          additionalProperties: false,
        },
      },
    });
    assert.deepEqual(response.choices[0]?.message.parsed, { city: 'Paris', temperature: 21, conditions: ['sunny'] });
    // The cost attached to the response is the one completionCost() computes from it.
    assert.ok(response.llmux.cost !== null && response.llmux.cost > 0);
    assert.equal(completionCost({ completion_response: response }), response.llmux.cost);
  });

  it('throws JSONSchemaValidationError, with the raw reply, when the reply does not validate', async () => {
    const raw = '{"city":"Paris","temperature":"warm","conditions":["snow"]}';
    next = { content: raw };
    await assert.rejects(call(), (error: unknown) => {
      assert.ok(error instanceof JSONSchemaValidationError);
      assert.match(error.message, /at "temperature": .*; at "conditions\[0\]": /);
      assert.equal(error.rawResponse, raw);
      assert.equal(error.provider, 'openai');
      assert.equal(error.model, 'gpt-4o-mini');
      return true;
    });
  });

  it('leaves parsed undefined for a tool-call-only reply', async () => {
    next = { toolCalls: [{ name: 'lookup', arguments: '{"city":"Paris"}' }], finish: 'tool_calls' };
    const response = await call();
    assert.equal(response.choices[0]?.message.parsed, undefined);
    assert.equal(response.choices[0]?.message.tool_calls?.[0]?.function.name, 'lookup');
  });
});
