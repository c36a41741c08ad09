import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { BadRequestError, UnsupportedParamsError } from '../../errors/error-classes.js';
import { convertResponsesRequest } from './convert-responses-request.js';
import type { ResponsesRequest } from './openai-responses-api.js';
import { openAIResponsesRequestSchema } from './openai-responses-request-schema.js';

const convert = (body: ResponsesRequest, dropParams = false) => convertResponsesRequest(body, { dropParams });

describe('convertResponsesRequest', () => {
  it('turns instructions and a string input into a system and a user message', () => {
    const { request, warnings } = convert({ model: 'm', instructions: 'Be brief.', input: 'Hi', max_output_tokens: 50, temperature: 0.2, top_p: 0.9 });
    assert.deepEqual(request, {
      model: 'm',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
      max_completion_tokens: 50,
      temperature: 0.2,
      top_p: 0.9,
    });
    assert.deepEqual(warnings, []);
  });

  it('carries a tool-call round trip, images and reasoning', () => {
    const { request, warnings } = convert({
      model: 'm',
      input: [
        { role: 'developer', content: 'Use tools.' },
        {
          type: 'message',
          role: 'user',
          content: [
            { type: 'input_text', text: 'What is here?' },
            { type: 'input_image', image_url: 'data:image/png;base64,iVBO', detail: 'low' },
          ],
        },
        { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'Look it up.' }], encrypted_content: 'gAAA' },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Checking.' }] },
        { type: 'function_call', call_id: 'call_1', name: 'lookup', arguments: '{"q":"x"}' },
        { type: 'function_call', call_id: 'call_2', name: 'lookup', arguments: '{"q":"y"}' },
        { type: 'function_call_output', call_id: 'call_1', output: 'found x' },
        { type: 'function_call_output', call_id: 'call_2', output: [{ type: 'input_text', text: 'found y' }] },
      ],
      tools: [{ type: 'function', name: 'lookup', description: 'Find', parameters: { type: 'object' }, strict: true }],
      tool_choice: { type: 'function', name: 'lookup' },
      parallel_tool_calls: false,
      reasoning: { effort: 'high', summary: 'auto' },
    });
    assert.deepEqual(request.messages, [
      { role: 'developer', content: 'Use tools.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is here?' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBO', detail: 'low' } },
        ],
      },
      {
        role: 'assistant',
        content: 'Checking.',
        reasoning_content: 'Look it up.',
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"q":"x"}' } },
          { id: 'call_2', type: 'function', function: { name: 'lookup', arguments: '{"q":"y"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'found x' },
      { role: 'tool', tool_call_id: 'call_2', content: [{ type: 'text', text: 'found y' }] },
    ]);
    assert.deepEqual(request.tools, [{ type: 'function', function: { name: 'lookup', description: 'Find', parameters: { type: 'object' }, strict: true } }]);
    assert.deepEqual(request.tool_choice, { type: 'function', function: { name: 'lookup' } });
    assert.equal(request.parallel_tool_calls, false);
    assert.equal(request.reasoning_effort, 'high');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /input\.2\.encrypted_content/);
  });

  it('maps text.format to response_format and asks streams for usage', () => {
    const schema = { type: 'object', properties: { city: { type: 'string' } } };
    const { request } = convert({ model: 'm', input: 'x', stream: true, text: { format: { type: 'json_schema', name: 'place', schema, strict: true } } });
    assert.deepEqual(request.response_format, { type: 'json_schema', json_schema: { name: 'place', schema, strict: true } });
    assert.equal(request.stream, true);
    assert.deepEqual(request.stream_options, { include_usage: true });
    assert.deepEqual(convert({ model: 'm', input: 'x', text: { format: { type: 'json_object' } } }).request.response_format, { type: 'json_object' });
    assert.equal(convert({ model: 'm', input: 'x', text: { format: { type: 'text' } } }).request.response_format, undefined);
  });

  it('refuses what the canonical form cannot carry, naming the field, or drops it with a warning under drop_params', () => {
    const cases: [ResponsesRequest, string][] = [
      [{ model: 'm', input: 'x', tools: [{ type: 'web_search' }] }, 'tools.0'],
      [{ model: 'm', input: 'x', truncation: 'auto' }, 'truncation'],
      [
        {
          model: 'm',
          input: [
            { role: 'user', content: 'x' },
            { type: 'item_reference', id: 'msg_1' },
          ],
        },
        'input.1',
      ],
      [
        {
          model: 'm',
          input: [
            {
              role: 'user',
              content: [
                { type: 'input_text', text: 'x' },
                { type: 'input_file', file_id: 'f' },
              ],
            },
          ],
        },
        'input.0.content.1',
      ],
      [{ model: 'm', input: 'x', text: { verbosity: 'low' } }, 'text.verbosity'],
      [{ model: 'm', input: 'x', reasoning: { effort: 'xhigh' } }, 'reasoning.effort'],
      [{ model: 'm', input: 'x', tool_choice: { type: 'web_search_preview' } }, 'tool_choice'],
    ];
    for (const [body, param] of cases) {
      assert.throws(
        () => convert(body),
        (error: unknown) => error instanceof UnsupportedParamsError && error.status === 400 && error.message.includes(`"${param}"`),
        param,
      );
      const { warnings } = convert(body, true);
      assert.ok(
        warnings.some((warning) => warning.startsWith(`dropped "${param}"`)),
        `${param}: ${warnings.join('; ')}`,
      );
    }
  });

  it('ignores a prompt-cache key and encrypted reasoning with a warning, and refuses other include values', () => {
    const { warnings } = convert({ model: 'm', input: 'x', prompt_cache_key: 'k', include: ['reasoning.encrypted_content'] });
    assert.equal(warnings.length, 2);
    assert.throws(
      () => convert({ model: 'm', input: 'x', include: ['message.output_text.logprobs'] }),
      (error: unknown) => error instanceof UnsupportedParamsError && error.message.includes('"include.0"'),
    );
  });

  it('refuses a request with nothing to answer: no input, an empty list, or instructions alone', () => {
    for (const body of [{ model: 'm' }, { model: 'm', input: [] }, { model: 'm', instructions: 'Be brief.', input: [{ role: 'developer' as const, content: 'x' }] }]) {
      assert.throws(
        () => convert(body),
        (error: unknown) => error instanceof BadRequestError && error.param === 'input' && error.status === 400,
        JSON.stringify(body),
      );
    }
  });

  it('does not report fields the caller read itself', () => {
    const { warnings } = convertResponsesRequest({ model: 'm', input: 'x', store: false }, { dropParams: true, callerFields: new Set(['store']) });
    assert.deepEqual(warnings, []);
  });
});

describe('openAIResponsesRequestSchema', () => {
  it('names the malformed field and lets unknown fields and item types pass', () => {
    const bad = openAIResponsesRequestSchema.safeParse({ model: 'm', input: [{ type: 'function_call_output', output: 'x' }] });
    assert.equal(bad.success, false);
    assert.deepEqual(bad.error?.issues[0]?.path, ['input', 0, 'call_id']);
    assert.equal(openAIResponsesRequestSchema.safeParse({ model: 'm', input: [{ role: 'robot', content: 'x' }] }).success, false);
    assert.equal(openAIResponsesRequestSchema.safeParse({ input: 'x' }).success, false);
    assert.equal(openAIResponsesRequestSchema.safeParse({ model: 'm', input: [{ type: 'reasoning', summary: 'not a list' }] }).success, false);
    assert.equal(openAIResponsesRequestSchema.safeParse({ model: 'm', input: [{ type: 'item_reference', id: 'x' }], future_field: 1 }).success, true);
  });
});
