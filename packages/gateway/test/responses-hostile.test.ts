// Malformed and odd /v1/responses bodies, on bridged and passed-through deployments: each
// gets a 2xx or a 4xx in OpenAI's error shape, never a 5xx or a dropped connection.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RESPONSES_MASTER_KEY, RESPONSES_MODELS, startResponsesGateway, type ResponsesGateway } from './helpers/responses-gateway.js';

const ODD_FIELDS: Record<string, unknown>[] = [
  { input: null },
  { input: [null] },
  { input: [1, 'two'] },
  { input: [{}] },
  { input: [{ role: 'user' }] },
  { input: [{ role: 'user', content: [{}] }] },
  { input: [{ role: 'user', content: [{ type: 'input_image' }] }] },
  { input: [{ role: 'user', content: [{ type: 'input_image', image_url: 42 }] }] },
  { input: [{ role: 'user', content: [{ type: 'input_text', text: 5 }] }] },
  {
    input: [
      { role: 'assistant', content: [{ type: 'output_text' }] },
      { role: 'user', content: 'hi' },
    ],
  },
  {
    input: [
      { type: 'function_call', call_id: 'c', name: 'f', arguments: 'not json' },
      { type: 'function_call_output', call_id: 'c', output: 'x' },
    ],
  },
  { input: [{ type: 'function_call_output', call_id: 'c', output: [{ type: 'input_image', image_url: 'data:image/png;base64,AA==' }] }] },
  {
    input: [
      { type: 'reasoning', summary: 'not a list' },
      { role: 'user', content: 'hi' },
    ],
  },
  {
    input: [
      { type: 'reasoning', summary: [{}] },
      { role: 'user', content: 'hi' },
    ],
  },
  { input: 'hi', tools: 'all' },
  { input: 'hi', tools: [{ type: 'function' }] },
  { input: 'hi', tools: [{ type: 'function', name: 'f', parameters: 'x' }] },
  { input: 'hi', tool_choice: 'sometimes' },
  { input: 'hi', tool_choice: { type: 'function' } },
  { input: 'hi', text: { format: { type: 'json_schema' } } },
  { input: 'hi', text: { format: { type: 'json_schema', name: 'x', schema: 'nope' } } },
  { input: 'hi', text: 'plain' },
  { input: 'hi', reasoning: { effort: 7 } },
  { input: 'hi', reasoning: 'high' },
  { input: 'hi', max_output_tokens: -1 },
  { input: 'hi', max_output_tokens: 1.5 },
  { input: 'hi', top_p: 2 },
  { input: 'hi', metadata: { a: 1 } },
  { input: 'hi', parallel_tool_calls: 'yes' },
  { input: 'hi', instructions: ['a'] },
  { input: 'hi', stream: true, text: { format: { type: 'json_object' } }, include: ['reasoning.encrypted_content'] },
  { input: 'x'.repeat(1) + '\u0000\ud800', user: 'u' },
];

describe('/v1/responses hostile bodies', () => {
  let world: ResponsesGateway;
  before(async () => {
    world = await startResponsesGateway(() => ({ content: 'ok' }));
  });
  after(async () => {
    await world.close();
  });

  for (const model of Object.values(RESPONSES_MODELS)) {
    it(`answers every odd body with 2xx or an OpenAI-shaped 4xx on ${model}`, async () => {
      for (const fields of ODD_FIELDS) {
        const body = JSON.stringify({ model, ...fields });
        const response = await fetch(`${world.gateway.url}/v1/responses`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${RESPONSES_MASTER_KEY}` },
          body,
        });
        const text = await response.text();
        assert.ok(response.status < 500, `${response.status} for ${body}: ${text.slice(0, 300)}`);
        if (response.status >= 400) {
          const error = (JSON.parse(text) as { error?: { message?: unknown; type?: unknown } }).error;
          assert.equal(typeof error?.message, 'string', `${body}: ${text.slice(0, 300)}`);
          assert.equal(typeof error?.type, 'string');
        }
      }
    });
  }
});
