import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { UnsupportedParamsError } from '../../errors/error-classes.js';
import type { AnthropicMessagesRequest } from './anthropic-messages-api.js';
import { convertAnthropicMessagesRequest } from './convert-anthropic-messages-request.js';

const strict = { dropParams: false };
const lenient = { dropParams: true };

function body(fields: Partial<AnthropicMessagesRequest> & Record<string, unknown>): AnthropicMessagesRequest {
  return { model: 'claude-sonnet', max_tokens: 512, messages: [{ role: 'user', content: 'Hi' }], ...fields } as AnthropicMessagesRequest;
}

function refusal(run: () => unknown, param: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof UnsupportedParamsError, `expected UnsupportedParamsError, got ${String(error)}`);
    assert.equal(error.status, 400);
    assert.equal(error.param, param);
    assert.match(error.message, /drop_params/);
    return true;
  });
}

describe('convertAnthropicMessagesRequest', () => {
  it('keeps model, sends max_tokens as max_completion_tokens, carries sampling fields, and asks for usage when streaming', () => {
    const { request, warnings } = convertAnthropicMessagesRequest(
      body({ stream: true, temperature: 0.2, top_p: 0.9, stop_sequences: ['END', '###'], metadata: { user_id: 'user-7' } }),
      strict,
    );
    assert.deepEqual(request, {
      model: 'claude-sonnet',
      messages: [{ role: 'user', content: 'Hi' }],
      max_completion_tokens: 512,
      stop: ['END', '###'],
      temperature: 0.2,
      top_p: 0.9,
      user: 'user-7',
      stream: true,
      stream_options: { include_usage: true },
    });
    assert.deepEqual(warnings, []);
  });

  it('does not ask for a stream when stream is false or absent', () => {
    const { request } = convertAnthropicMessagesRequest(body({ stream: false }), strict);
    assert.equal(request.stream, undefined);
    assert.equal(request.stream_options, undefined);
  });

  it('turns a string system prompt into a system message first', () => {
    const { request } = convertAnthropicMessagesRequest(body({ system: 'Be brief.' }), strict);
    assert.deepEqual(request.messages, [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
    ]);
  });

  it('turns system blocks into text parts and reports their cache_control once, without refusing it', () => {
    const { request, warnings } = convertAnthropicMessagesRequest(
      body({
        system: [
          { type: 'text', text: 'You are Claude Code.' },
          { type: 'text', text: 'Project rules…', cache_control: { type: 'ephemeral', ttl: '1h' } },
        ],
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi', cache_control: { type: 'ephemeral' } }] }],
      }),
      strict,
    );
    assert.deepEqual(request.messages[0], {
      role: 'system',
      content: [
        { type: 'text', text: 'You are Claude Code.' },
        { type: 'text', text: 'Project rules…' },
      ],
    });
    assert.deepEqual(request.messages[1], { role: 'user', content: 'Hi' });
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /ignored cache_control at 2 places \(first "system\[1\]\.cache_control"\)/);
  });

  it('keeps a single system block as a plain string', () => {
    const { request } = convertAnthropicMessagesRequest(body({ system: [{ type: 'text', text: 'Only rule.' }] }), strict);
    assert.deepEqual(request.messages[0], { role: 'system', content: 'Only rule.' });
  });

  it('turns images (base64 and URL) into image_url parts', () => {
    const { request } = convertAnthropicMessagesRequest(
      body({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
              { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
              { type: 'text', text: 'What is in these?' },
            ],
          },
        ],
      }),
      strict,
    );
    assert.deepEqual(request.messages, [
      {
        role: 'user',
        content: [
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
          { type: 'text', text: 'What is in these?' },
        ],
      },
    ]);
  });

  it('refuses a PDF document, naming the block, and drops it with a warning under drop_params', () => {
    const pdf = body({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' } },
            { type: 'text', text: 'Summarise.' },
          ],
        },
      ],
    });
    refusal(() => convertAnthropicMessagesRequest(pdf, strict), 'messages[0].content[0]');
    const { request, warnings } = convertAnthropicMessagesRequest(pdf, lenient);
    assert.deepEqual(request.messages, [{ role: 'user', content: 'Summarise.' }]);
    assert.match(warnings[0] ?? '', /dropped "messages\[0\]\.content\[0\]": documents/);
  });

  it('converts tools (input_schema → parameters) and every tool_choice', () => {
    const tools = [
      { name: 'get_weather', description: 'Weather for a city', input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
      { name: 'now', input_schema: { type: 'object', properties: {} }, type: 'custom', strict: true },
    ];
    const { request } = convertAnthropicMessagesRequest(body({ tools, tool_choice: { type: 'auto' } }), strict);
    assert.deepEqual(request.tools, [
      {
        type: 'function',
        function: { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
      },
      { type: 'function', function: { name: 'now', parameters: { type: 'object', properties: {} }, strict: true } },
    ]);
    assert.equal(request.tool_choice, 'auto');
    assert.equal(request.parallel_tool_calls, undefined);

    const choose = (tool_choice: AnthropicMessagesRequest['tool_choice']) => convertAnthropicMessagesRequest(body({ tools, tool_choice }), strict).request;
    assert.equal(choose({ type: 'any' }).tool_choice, 'required');
    assert.equal(choose({ type: 'none' }).tool_choice, 'none');
    assert.deepEqual(choose({ type: 'tool', name: 'now' }).tool_choice, { type: 'function', function: { name: 'now' } });
    const single = choose({ type: 'any', disable_parallel_tool_use: true });
    assert.equal(single.tool_choice, 'required');
    assert.equal(single.parallel_tool_calls, false);
  });

  it('refuses a server tool, and a forced tool_choice once no tool is left', () => {
    const search = body({ tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 3 }], tool_choice: { type: 'any' } });
    refusal(() => convertAnthropicMessagesRequest(search, strict), 'tools[0]');
    // With drop_params the tool goes, and then "any" has nothing to choose from.
    const noChoice = body({ tools: [{ type: 'web_search_20250305', name: 'web_search' }], tool_choice: { type: 'auto' } });
    const { request, warnings } = convertAnthropicMessagesRequest(noChoice, lenient);
    assert.equal(request.tools, undefined);
    assert.equal(request.tool_choice, undefined);
    assert.equal(warnings.length, 1);
    refusal(() => convertAnthropicMessagesRequest({ ...search, tools: [] }, strict), 'tool_choice');
  });

  it('refuses tool fields a function tool cannot carry', () => {
    const deferred = body({ tools: [{ name: 'x', input_schema: { type: 'object' }, defer_loading: true }] });
    refusal(() => convertAnthropicMessagesRequest(deferred, strict), 'tools[0].defer_loading');
  });

  it('round-trips tool_use and tool_result (string, blocks, is_error), tool messages first', () => {
    const { request } = convertAnthropicMessagesRequest(
      body({
        messages: [
          { role: 'user', content: 'Weather in Paris and Rome?' },
          {
            role: 'assistant',
            content: [
              { type: 'text', text: 'Checking both.' },
              { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
              { type: 'tool_use', id: 'toolu_2', name: 'get_weather', input: { city: 'Rome' } },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: 'toolu_1', content: '18°C' },
              {
                type: 'tool_result',
                tool_use_id: 'toolu_2',
                content: [
                  { type: 'text', text: 'service' },
                  { type: 'text', text: ' down' },
                ],
                is_error: true,
              },
              { type: 'text', text: 'Thanks.' },
            ],
          },
        ],
      }),
      strict,
    );
    assert.deepEqual(request.messages, [
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: 'Checking both.',
        tool_calls: [
          { id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'toolu_2', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'toolu_1', content: '18°C' },
      {
        role: 'tool',
        tool_call_id: 'toolu_2',
        content: [
          { type: 'text', text: 'Error: service' },
          { type: 'text', text: ' down' },
        ],
      },
      { role: 'user', content: 'Thanks.' },
    ]);
  });

  it('moves images a tool returned into a user message after the tool messages, with a warning', () => {
    const { request, warnings } = convertAnthropicMessagesRequest(
      body({
        messages: [
          { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_s', name: 'screenshot', input: {} }] },
          {
            role: 'user',
            content: [
              {
                type: 'tool_result',
                tool_use_id: 'toolu_s',
                content: [
                  { type: 'text', text: 'Captured.' },
                  { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } },
                ],
              },
            ],
          },
        ],
      }),
      strict,
    );
    assert.deepEqual(request.messages.slice(1), [
      { role: 'tool', tool_call_id: 'toolu_s', content: 'Captured.' },
      { role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] },
    ]);
    assert.match(warnings[0] ?? '', /moved 1 image/);
  });

  it('keeps assistant thinking blocks signed, in order, with their text as reasoning_content', () => {
    const { request } = convertAnthropicMessagesRequest(
      body({
        messages: [
          { role: 'user', content: 'Add 2 and 2.' },
          {
            role: 'assistant',
            content: [
              { type: 'thinking', thinking: 'Simple sum.', signature: 'sig-1' },
              { type: 'redacted_thinking', data: 'ENCRYPTED' },
              { type: 'tool_use', id: 'toolu_a', name: 'add', input: { a: 2, b: 2 } },
            ],
          },
        ],
      }),
      strict,
    );
    assert.deepEqual(request.messages[1], {
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'toolu_a', type: 'function', function: { name: 'add', arguments: '{"a":2,"b":2}' } }],
      thinking_blocks: [
        { type: 'thinking', thinking: 'Simple sum.', signature: 'sig-1' },
        { type: 'redacted_thinking', data: 'ENCRYPTED' },
      ],
      reasoning_content: 'Simple sum.',
    });
  });

  it('maps thinking budgets to reasoning_effort levels, exactly for the steps the Claude providers use', () => {
    const effort = (budget: number) => convertAnthropicMessagesRequest(body({ max_tokens: 64000, thinking: { type: 'enabled', budget_tokens: budget } }), strict);
    assert.equal(effort(2048).request.reasoning_effort, 'low');
    assert.deepEqual(effort(2048).warnings, []);
    assert.equal(effort(8192).request.reasoning_effort, 'medium');
    assert.equal(effort(24576).request.reasoning_effort, 'high');
    const between = effort(10000);
    assert.equal(between.request.reasoning_effort, 'medium');
    assert.match(between.warnings[0] ?? '', /budget_tokens 10000 sent as reasoning_effort "medium"/);
    assert.equal(effort(1024).request.reasoning_effort, 'low');
    assert.equal(effort(31999).request.reasoning_effort, 'high');
  });

  it('leaves reasoning_effort unset for disabled or adaptive thinking, and takes output_config.effort', () => {
    assert.equal(convertAnthropicMessagesRequest(body({ thinking: { type: 'disabled' } }), strict).request.reasoning_effort, undefined);
    assert.equal(convertAnthropicMessagesRequest(body({ thinking: { type: 'adaptive' } }), strict).request.reasoning_effort, undefined);
    const adaptive = convertAnthropicMessagesRequest(body({ thinking: { type: 'adaptive' }, output_config: { effort: 'low' } }), strict);
    assert.equal(adaptive.request.reasoning_effort, 'low');
    const max = convertAnthropicMessagesRequest(body({ output_config: { effort: 'max' } }), strict);
    assert.equal(max.request.reasoning_effort, 'high');
    assert.match(max.warnings[0] ?? '', /"max" sent as reasoning_effort "high"/);
    // A thinking type Anthropic does not define: the input the converter must refuse.
    refusal(() => convertAnthropicMessagesRequest(body({ thinking: { type: 'between_tools' } as unknown as AnthropicMessagesRequest['thinking'] }), strict), 'thinking.type');
  });

  it('turns output_config.format into a JSON-schema response_format', () => {
    const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] };
    const { request } = convertAnthropicMessagesRequest(body({ output_config: { format: { type: 'json_schema', schema } } }), strict);
    assert.deepEqual(request.response_format, { type: 'json_schema', json_schema: { name: 'output', schema, strict: true } });
  });

  it('refuses top_k without drop_params, and drops it with a warning naming it with drop_params', () => {
    refusal(() => convertAnthropicMessagesRequest(body({ top_k: 40 }), strict), 'top_k');
    const { request, warnings } = convertAnthropicMessagesRequest(body({ top_k: 40 }), lenient);
    assert.equal('top_k' in request, false);
    assert.deepEqual(warnings, ['dropped "top_k": the canonical request has no top_k']);
  });

  it('refuses unknown top-level and metadata fields, never dropping them silently', () => {
    refusal(() => convertAnthropicMessagesRequest(body({ container: 'c-1' }), strict), 'container');
    refusal(() => convertAnthropicMessagesRequest(body({ metadata: { user_id: 'u', tier: 'gold' } }), strict), 'metadata.tier');
    const { warnings } = convertAnthropicMessagesRequest(body({ context_management: { edits: [] }, service_tier: 'auto' }), lenient);
    assert.deepEqual(warnings, ['dropped "context_management": the canonical request has no such field', 'dropped "service_tier": the canonical request has no such field']);
  });

  it('leaves the fields the caller has read itself (routing fields) to the caller', () => {
    const routed = body({ fallbacks: ['gpt-4o'], tags: ['team-a'] });
    refusal(() => convertAnthropicMessagesRequest(routed, strict), 'fallbacks');
    const { request, warnings } = convertAnthropicMessagesRequest(routed, { dropParams: false, callerFields: new Set(['fallbacks', 'tags']) });
    assert.deepEqual(warnings, []);
    assert.equal('fallbacks' in request, false);
    assert.equal('tags' in request, false);
  });

  it('takes role "system" inside messages and unknown block types are refused', () => {
    const { request } = convertAnthropicMessagesRequest(
      body({
        messages: [
          { role: 'system', content: 'Rules.' },
          { role: 'user', content: 'Go' },
        ],
      }),
      strict,
    );
    assert.deepEqual(request.messages, [
      { role: 'system', content: 'Rules.' },
      { role: 'user', content: 'Go' },
    ]);
    const server = body({
      messages: [{ role: 'assistant', content: [{ type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} }] as never }],
    });
    refusal(() => convertAnthropicMessagesRequest(server, strict), 'messages[0].content[0]');
  });
});
