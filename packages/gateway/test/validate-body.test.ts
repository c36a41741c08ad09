// The validator's wording: OpenAI-style params (`messages.[0].content`) and codes
// (missing_required_parameter, invalid_type, invalid_value), never a 500.

import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BadRequestError } from 'llmux';
import { CHAT_REQUEST_FIELDS, chatRequestSchema } from '../src/routes/chat-request-schema.js';
import { EMBEDDING_REQUEST_FIELDS, embeddingRequestSchema } from '../src/routes/embedding-request-schema.js';
import { pickFields } from '../src/routes/pick-fields.js';
import { validateBody } from '../src/routes/validate-body.js';

const user = [{ role: 'user', content: 'a' }];

function problemOf(schema: Parameters<typeof validateBody>[0], body: unknown): { param: string | null; code: string | null; message: string } {
  try {
    validateBody(schema, body);
  } catch (error) {
    assert.ok(error instanceof BadRequestError);
    return { param: error.param, code: error.code, message: error.message };
  }
  throw new Error('expected a validation error');
}

describe('validateBody', () => {
  it('accepts a valid body with unknown fields and nulls', () => {
    validateBody(chatRequestSchema, { model: 'x', messages: user, temperature: null, vendor_extension: { a: 1 } });
    validateBody(chatRequestSchema, {
      model: 'x',
      messages: [
        { role: 'system', content: 's' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'hi' },
            { type: 'image_url', image_url: { url: 'https://x/y.png' } },
            { type: 'input_audio', input_audio: {} },
          ],
        },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'c1', content: 'r' },
      ],
    });
    validateBody(embeddingRequestSchema, { model: 'x', input: [[1, 2], [3]] });
  });

  it('words each kind of mistake as OpenAI does', () => {
    const cases: Array<[unknown, string, string, RegExp]> = [
      [{ messages: user }, 'model', 'missing_required_parameter', /^Missing required parameter: 'model'\.$/],
      [{ model: 'x', messages: [{ role: 'user', content: 5 }] }, 'messages.[0].content', 'invalid_type', /expected string or array, but got a number/],
      [{ model: 'x', messages: [{ role: 'tool', content: 'r' }] }, 'messages.[0].tool_call_id', 'missing_required_parameter', /Missing/],
      [{ model: 'x', messages: user, max_tokens: 1.5 }, 'max_tokens', 'invalid_type', /expected integer/],
      [{ model: 'x', messages: user, stop: [1] }, 'stop.[0]', 'invalid_type', /expected string/],
      [{ model: 'x', messages: user, tools: [{ type: 'function' }] }, 'tools.[0].function', 'missing_required_parameter', /Missing/],
      [{ model: 'x', messages: user, response_format: { type: 'json_schema' } }, 'response_format.json_schema', 'missing_required_parameter', /Missing/],
      [{ model: 'x', messages: user, stream: 'yes' }, 'stream', 'invalid_type', /expected boolean, but got a string/],
    ];
    for (const [body, param, code, message] of cases) {
      const problem = problemOf(chatRequestSchema, body);
      assert.equal(problem.param, param, JSON.stringify(body));
      assert.equal(problem.code, code, JSON.stringify(body));
      assert.match(problem.message, message);
    }
    assert.deepEqual(problemOf(embeddingRequestSchema, { model: 'x' }), { param: 'input', code: 'missing_required_parameter', message: "Missing required parameter: 'input'." });
    assert.equal(problemOf(embeddingRequestSchema, { model: 'x', input: 'a', encoding_format: 'hex' }).code, 'invalid_value');
  });

  it('reports a body that is not an object without a param', () => {
    const problem = problemOf(chatRequestSchema, [1]);
    assert.equal(problem.param, null);
    assert.match(problem.message, /must be a JSON object, but got an array/);
  });
});

describe('request allow-lists', () => {
  it('forward exactly the OpenAI body fields, plus the routing fields the Router consumes', () => {
    assert.deepEqual([...CHAT_REQUEST_FIELDS].sort(), [
      'fallbacks',
      'fastest_response',
      'frequency_penalty',
      'logit_bias',
      'logprobs',
      'max_completion_tokens',
      'max_tokens',
      'messages',
      'metadata',
      'model',
      'n',
      'num_retries',
      'parallel_tool_calls',
      'presence_penalty',
      'reasoning_effort',
      'response_format',
      'seed',
      'service_tier',
      'stop',
      'stream',
      'stream_options',
      'tags',
      'temperature',
      'tool_choice',
      'tools',
      'top_logprobs',
      'top_p',
      'user',
    ]);
    assert.deepEqual([...EMBEDDING_REQUEST_FIELDS].sort(), ['dimensions', 'encoding_format', 'input', 'model', 'user']);
  });

  it('drop everything else, and nulls', () => {
    const picked = pickFields({ model: 'x', messages: user, temperature: null, api_key: 'k', api_base: 'b', extra_headers: {}, http_client: {} }, CHAT_REQUEST_FIELDS);
    assert.deepEqual(picked, { model: 'x', messages: user });
  });
});
