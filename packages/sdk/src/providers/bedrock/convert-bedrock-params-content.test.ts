// The Converse body for LiteLLM's prompt caching, provider parameters and file parts:
// cachePoint blocks after marked blocks (system, messages, tools) for the models that
// cache, top_k and thinking in additionalModelRequestFields, document blocks with
// Converse-safe names, and the refusals, without a server.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { BadRequestError } from '../../errors/error-classes.js';
import type { ChatCompletionRequest } from '../../spec/index.js';
import { convertToBedrockRequest } from './convert-to-bedrock-request.js';

const CLAUDE = 'anthropic.claude-sonnet-4-20250514-v1:0';
const NOVA = 'amazon.nova-pro-v1:0';
const LLAMA = 'meta.llama3-70b-instruct-v1:0';
const EPHEMERAL = { type: 'ephemeral' } as const;
const CACHE_POINT = { cachePoint: { type: 'default' } };
const PDF = 'JVBERi0xLjQK';

function convert(request: Partial<ChatCompletionRequest>, modelId = CLAUDE) {
  const warnings: string[] = [];
  const converted = convertToBedrockRequest({ model: modelId, messages: [{ role: 'user', content: 'hi' }], ...request }, { modelId, warnings });
  return { ...converted, warnings };
}

const rejects = (request: Partial<ChatCompletionRequest>, param: string, message: RegExp): void => {
  assert.throws(
    () => convert(request),
    (error: unknown) => error instanceof BadRequestError && error.param === param && message.test(error.message),
  );
};

describe('cache_control to Converse', () => {
  const cached: Partial<ChatCompletionRequest> = {
    messages: [
      { role: 'system', content: 'rules', cache_control: EPHEMERAL },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'doc', cache_control: EPHEMERAL },
          { type: 'text', text: 'question' },
        ],
      },
      { role: 'assistant', content: 'answer', cache_control: EPHEMERAL },
      { role: 'user', content: 'next' },
    ],
    tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } }, cache_control: EPHEMERAL }],
  };

  it('puts a cachePoint after each marked block, system message, turn and tool, for Claude and Nova', () => {
    for (const model of [CLAUDE, NOVA]) {
      const { body, warnings } = convert(cached, model);
      assert.deepEqual(body.system, [{ text: 'rules' }, CACHE_POINT]);
      assert.deepEqual(body.messages, [
        { role: 'user', content: [{ text: 'doc' }, CACHE_POINT, { text: 'question' }] },
        { role: 'assistant', content: [{ text: 'answer' }, CACHE_POINT] },
        { role: 'user', content: [{ text: 'next' }] },
      ]);
      assert.deepEqual(body.toolConfig?.tools, [{ toolSpec: { name: 'f', inputSchema: { json: { type: 'object' } } } }, CACHE_POINT]);
      assert.deepEqual(warnings, []);
    }
  });

  it('marks a tool result as a whole (a toolResult holds no cache point)', () => {
    const { body } = convert({
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: null, tool_calls: [{ id: 't1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 't1', content: [{ type: 'text', text: 'r', cache_control: EPHEMERAL }] },
      ],
      tools: [{ type: 'function', function: { name: 'f' } }],
    });
    assert.deepEqual(body.messages[2]?.content, [{ toolResult: { toolUseId: 't1', content: [{ text: 'r' }] } }, CACHE_POINT]);
  });

  it('says so when a ttl cannot travel (a cache point has one lifetime)', () => {
    const { body, warnings } = convert({ messages: [{ role: 'user', content: 'q', cache_control: { type: 'ephemeral', ttl: '1h' } }] });
    assert.deepEqual(body.messages[0]?.content, [{ text: 'q' }, CACHE_POINT]);
    assert.deepEqual(warnings, ['dropped cache_control.ttl: a Converse cache point has the default lifetime']);
  });

  it('sends no cache point to a model that takes none, with a warning', () => {
    const { body, warnings } = convert(cached, LLAMA);
    assert.deepEqual(body.system, [{ text: 'rules' }]);
    assert.equal(JSON.stringify(body).includes('cachePoint'), false);
    assert.match(warnings.join('\n'), /dropped cache_control: Bedrock model "meta\.llama3/);
    assert.match(warnings.join('\n'), /dropped cache_control on tool "f"/);
  });
});

describe('provider parameters to Converse', () => {
  it('sends Claude top_k and thinking in additionalModelRequestFields, with room in maxTokens', () => {
    const { body } = convert({ top_k: 7, thinking: { type: 'enabled', budget_tokens: 1024 }, max_tokens: 100 });
    assert.deepEqual(body.additionalModelRequestFields, { thinking: { type: 'enabled', budget_tokens: 1024 }, top_k: 7 });
    assert.equal(body.inferenceConfig?.maxTokens, 1124);
  });

  it('sends Nova top_k in its inferenceConfig, and drops what other models lack with warnings', () => {
    assert.deepEqual(convert({ top_k: 7 }, NOVA).body.additionalModelRequestFields, { inferenceConfig: { topK: 7 } });
    const { body, warnings } = convert({ top_k: 7, thinking: { type: 'enabled', budget_tokens: 1024 } }, LLAMA);
    assert.equal(body.additionalModelRequestFields, undefined);
    assert.match(warnings.join('\n'), /dropped parameter "thinking"/);
    assert.match(warnings.join('\n'), /dropped parameter "top_k"/);
  });
});

describe('file parts to Converse', () => {
  const fileMessage = (file: Record<string, string>): Partial<ChatCompletionRequest> => ({
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'summarise' },
          { type: 'file', file },
        ],
      },
    ],
  });

  it('sends a PDF as a document block named after the file, cleaned to Converse’s rules', () => {
    const { body } = convert(fileMessage({ file_data: `data:application/pdf;base64,${PDF}`, filename: 'Q3 report_final (v2).pdf' }));
    assert.deepEqual(body.messages[0]?.content[1], { document: { format: 'pdf', name: 'Q3 report-final (v2)', source: { bytes: PDF } } });
  });

  it('names an unnamed document after its position, and reads other formats and S3 URIs', () => {
    assert.deepEqual(convert(fileMessage({ file_data: `data:application/pdf;base64,${PDF}` })).body.messages[0]?.content[1], {
      document: { format: 'pdf', name: 'document messages-0-content-1', source: { bytes: PDF } },
    });
    assert.deepEqual(convert(fileMessage({ file_data: 'data:text/csv;base64,YSxi', filename: 'a.csv' })).body.messages[0]?.content[1], {
      document: { format: 'csv', name: 'a', source: { bytes: 'YSxi' } },
    });
    assert.deepEqual(convert(fileMessage({ file_id: 's3://bucket/a.pdf', filename: 'a.pdf' })).body.messages[0]?.content[1], {
      document: { format: 'pdf', name: 'a', source: { s3Location: { uri: 's3://bucket/a.pdf' } } },
    });
  });

  it('refuses an OpenAI file id, an https URL and audio, naming the part', () => {
    rejects(fileMessage({ file_id: 'file-abc' }), 'messages[0].content[1].file.file_id', /OpenAI file id, which bedrock cannot read/);
    rejects(fileMessage({ file_id: 'https://example.com/a.pdf' }), 'messages[0].content[1].file.file_id', /cannot fetch/);
    rejects(fileMessage({ file_data: 'data:application/zip;base64,UEs=' }), 'messages[0].content[1].file', /application\/zip/);
    rejects(
      { messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'UklG', format: 'wav' } }] }] },
      'messages[0].content[0]',
      /"input_audio" is not supported by bedrock/,
    );
  });
});
