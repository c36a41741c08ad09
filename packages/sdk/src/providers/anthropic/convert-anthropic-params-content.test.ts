// The Anthropic body for LiteLLM's prompt caching, provider parameters and file parts:
// cache_control on parts and whole messages, top_k, thinking, web_search_options, PDF
// documents, and the refusals (OpenAI file ids, audio, malformed values), without a server.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { BadRequestError } from '../../errors/error-classes.js';
import type { ChatCompletionRequest } from '../../spec/index.js';
import { convertToAnthropicRequest } from './convert-to-anthropic-request.js';

const EPHEMERAL = { type: 'ephemeral' } as const;
const PDF = 'JVBERi0xLjQK';

function convert(request: Partial<ChatCompletionRequest>) {
  const warnings: string[] = [];
  const result = convertToAnthropicRequest({ model: 'claude-test', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }], ...request }, { stream: false, warnings });
  return { ...result, warnings };
}

const rejects = (request: Partial<ChatCompletionRequest>, param: string, message: RegExp): void => {
  assert.throws(
    () => convert(request),
    (error: unknown) => error instanceof BadRequestError && error.param === param && message.test(error.message),
  );
};

describe('cache_control to Anthropic', () => {
  it('keeps a part mark on its block and puts a message mark on the message’s last block', () => {
    const { body } = convert({
      messages: [
        { role: 'system', content: 'long rules', cache_control: EPHEMERAL },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'doc', cache_control: { type: 'ephemeral', ttl: '1h' } },
            { type: 'text', text: '' },
            { type: 'text', text: 'question' },
          ],
        },
        { role: 'assistant', content: 'answer', tool_calls: [{ id: 't1', type: 'function', function: { name: 'f', arguments: '{}' } }], cache_control: EPHEMERAL },
        { role: 'tool', tool_call_id: 't1', content: 'result', cache_control: EPHEMERAL },
      ],
    });
    assert.deepEqual(body.system, [{ type: 'text', text: 'long rules', cache_control: EPHEMERAL }]);
    assert.deepEqual(body.messages, [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'doc', cache_control: { type: 'ephemeral', ttl: '1h' } },
          { type: 'text', text: 'question' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'answer' },
          { type: 'tool_use', id: 't1', name: 'f', input: {}, cache_control: EPHEMERAL },
        ],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'result', cache_control: EPHEMERAL }] },
    ]);
  });

  it('marks system parts and tool definitions, and keeps an unmarked lone system message a string', () => {
    const tool = { type: 'function' as const, function: { name: 'f', parameters: { type: 'object' } }, cache_control: EPHEMERAL };
    const { body } = convert({
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'a', cache_control: EPHEMERAL }] },
        { role: 'user', content: 'q' },
      ],
      tools: [tool],
    });
    assert.deepEqual(body.system, [{ type: 'text', text: 'a', cache_control: EPHEMERAL }]);
    assert.deepEqual(body.tools, [{ name: 'f', input_schema: { type: 'object' }, cache_control: EPHEMERAL }]);
    assert.equal(
      convert({
        messages: [
          { role: 'system', content: 'plain' },
          { role: 'user', content: 'q' },
        ],
      }).body.system,
      'plain',
    );
  });

  it('refuses a message mark on a turn that ends in a thinking block', () => {
    rejects(
      {
        messages: [
          { role: 'user', content: 'q' },
          { role: 'assistant', content: null, thinking_blocks: [{ type: 'thinking', thinking: 't', signature: 's' }], cache_control: EPHEMERAL },
        ],
      },
      'messages[1].cache_control',
      /thinking block/,
    );
  });
});

describe('provider parameters to Anthropic', () => {
  it('sends top_k and an explicit thinking budget, raising max_tokens above the budget with a warning', () => {
    const { body, warnings } = convert({ top_k: 5, thinking: { type: 'enabled', budget_tokens: 2000 }, max_tokens: 500 });
    assert.equal(body.top_k, 5);
    assert.deepEqual(body.thinking, { type: 'enabled', budget_tokens: 2000 });
    assert.equal(body.max_tokens, 2500);
    assert.match(warnings.join('\n'), /thinking\.budget_tokens; raised to 2500/);
  });

  it('prefers thinking over reasoning_effort and passes thinking disabled through', () => {
    assert.deepEqual(convert({ thinking: { type: 'enabled', budget_tokens: 1500 }, reasoning_effort: 'high', max_tokens: 4000 }).body.thinking, {
      type: 'enabled',
      budget_tokens: 1500,
    });
    assert.deepEqual(convert({ thinking: { type: 'disabled' } }).body.thinking, { type: 'disabled' });
  });

  it('refuses a malformed top_k or thinking by name', () => {
    rejects({ top_k: -1 }, 'top_k', /non-negative integer/);
    // A gateway body is not typed: the malformed value the type rules out still arrives.
    rejects({ thinking: { type: 'enabled' } as unknown as ChatCompletionRequest['thinking'] }, 'thinking', /budget_tokens/);
  });

  it('turns web_search_options into the web_search server tool after the caller’s tools', () => {
    const { body } = convert({
      tools: [{ type: 'function', function: { name: 'f' } }],
      web_search_options: { search_context_size: 'medium', user_location: { type: 'approximate', approximate: { city: 'Paris', country: 'FR', timezone: 'Europe/Paris' } } },
    });
    assert.deepEqual(body.tools?.[1], {
      type: 'web_search_20250305',
      name: 'web_search',
      max_uses: 5,
      user_location: { type: 'approximate', city: 'Paris', country: 'FR', timezone: 'Europe/Paris' },
    });
    assert.deepEqual(convert({ web_search_options: {} }).body.tools, [{ type: 'web_search_20250305', name: 'web_search' }]);
    rejects({ web_search_options: { search_context_size: 'huge' } }, 'web_search_options.search_context_size', /low/);
    rejects({ web_search_options: { filters: {} } }, 'web_search_options.filters', /no Anthropic equivalent/);
  });
});

describe('file parts to Anthropic', () => {
  const fileMessage = (file: Record<string, string>, extra: Record<string, unknown> = {}): Partial<ChatCompletionRequest> => ({
    messages: [{ role: 'user', content: [{ type: 'file', file, ...extra }] }],
  });

  it('sends a PDF data URL as a base64 document, titled with the filename, and keeps its cache mark', () => {
    const { body } = convert(fileMessage({ file_data: `data:application/pdf;base64,${PDF}`, filename: 'report.pdf' }, { cache_control: EPHEMERAL }));
    assert.deepEqual(body.messages[0]?.content, [
      { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: PDF }, title: 'report.pdf', cache_control: EPHEMERAL },
    ]);
  });

  it('takes the media type from format, reads text as a text document and images as images', () => {
    assert.deepEqual(convert(fileMessage({ file_data: `data:application/octet-stream;base64,${PDF}`, format: 'application/pdf' })).body.messages[0]?.content, [
      { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: PDF } },
    ]);
    assert.deepEqual(convert(fileMessage({ file_data: `data:text/plain;base64,${Buffer.from('hello').toString('base64')}` })).body.messages[0]?.content, [
      { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'hello' } },
    ]);
    assert.deepEqual(convert(fileMessage({ file_data: 'data:image/png;base64,iVBO' })).body.messages[0]?.content, [
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBO' } },
    ]);
  });

  it('sends an https file_id as a URL document', () => {
    assert.deepEqual(convert(fileMessage({ file_id: 'https://example.com/a.pdf' })).body.messages[0]?.content, [
      { type: 'document', source: { type: 'url', url: 'https://example.com/a.pdf' } },
    ]);
  });

  it('refuses an OpenAI file id, another media type, a non-data file_data and audio, naming the part', () => {
    rejects(fileMessage({ file_id: 'file-abc123' }), 'messages[0].content[0].file.file_id', /"file-abc123" is an OpenAI file id, which anthropic cannot read/);
    rejects(fileMessage({ file_data: 'data:application/zip;base64,UEs=' }), 'messages[0].content[0].file', /application\/zip/);
    rejects(fileMessage({ file_data: 'JVBERi0=' }), 'messages[0].content[0].file.file_data', /data: URL/);
    rejects(fileMessage({ file_id: 'gs://bucket/a.pdf' }), 'messages[0].content[0].file.file_id', /http\(s\) URL only/);
    rejects(
      { messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'UklG', format: 'wav' } }] }] },
      'messages[0].content[0]',
      /content part type "input_audio" is not supported by anthropic/,
    );
  });
});
