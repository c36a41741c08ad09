// Canonical request → Gemini body, for the conversions the end-to-end tests do not reach.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { BadRequestError } from '../../errors/error-classes.js';
import type { ContentPart, ThinkingParam } from '../../spec/index.js';
import { convertToGeminiRequest } from './convert-to-gemini-request.js';
import { createGeminiToolCallId, readThoughtSignature } from './gemini-tool-call-id.js';

describe('convertToGeminiRequest', () => {
  it('merges consecutive same-role turns and drops empty text', () => {
    const body = convertToGeminiRequest(
      {
        model: 'gemini-test',
        messages: [
          { role: 'user', content: 'one' },
          {
            role: 'user',
            content: [
              { type: 'text', text: '' },
              { type: 'image_url', image_url: { url: 'gs://bucket/scan.pdf' } },
            ],
          },
          { role: 'assistant', content: '' },
          { role: 'assistant', content: 'two' },
        ],
      },
      [],
    );
    assert.deepEqual(body, {
      contents: [
        { role: 'user', parts: [{ text: 'one' }, { fileData: { mimeType: 'application/pdf', fileUri: 'gs://bucket/scan.pdf' } }] },
        { role: 'model', parts: [{ text: 'two' }] },
      ],
    });
  });

  it('sends tool arguments as an object and refuses arguments that are not one', () => {
    const call = (args: string) => ({ role: 'assistant' as const, tool_calls: [{ id: 'call_1', type: 'function' as const, function: { name: 'f', arguments: args } }] });
    const body = convertToGeminiRequest({ model: 'm', messages: [{ role: 'user', content: 'go' }, call('')] }, []);
    assert.deepEqual(body.contents[1], { role: 'model', parts: [{ functionCall: { name: 'f', args: {} } }] });
    assert.throws(() => convertToGeminiRequest({ model: 'm', messages: [call('[1,2]')] }, []), BadRequestError);
    assert.throws(
      () => convertToGeminiRequest({ model: 'm', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'file:///etc/passwd' } }] }] }, []),
      BadRequestError,
    );
  });
});

describe('convertToGeminiRequest: files, audio and provider parameters', () => {
  const PDF = Buffer.from('%PDF-1.4 fake').toString('base64');

  it('sends file_data inline, a file_id URI as fileData, and input_audio inline with its audio type', () => {
    const body = convertToGeminiRequest(
      {
        model: 'm',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'file', file: { file_data: `data:application/pdf;base64,${PDF}`, filename: 'a.pdf' } },
              { type: 'file', file: { file_id: 'gs://bucket/report.pdf' } },
              { type: 'file', file: { file_id: 'https://example.com/clip', format: 'video/mp4' } },
              { type: 'file', file: { file_id: 'https://generativelanguage.googleapis.com/v1beta/files/abc123' } },
              { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } },
              { type: 'input_audio', input_audio: { data: 'SUQz', format: 'mp3' } },
            ],
          },
        ],
      },
      [],
    );
    assert.deepEqual(body.contents[0]?.parts, [
      { inlineData: { mimeType: 'application/pdf', data: PDF } },
      { fileData: { mimeType: 'application/pdf', fileUri: 'gs://bucket/report.pdf' } },
      { fileData: { mimeType: 'video/mp4', fileUri: 'https://example.com/clip' } },
      { fileData: { fileUri: 'https://generativelanguage.googleapis.com/v1beta/files/abc123' } },
      { inlineData: { mimeType: 'audio/wav', data: 'UklGRg==' } },
      { inlineData: { mimeType: 'audio/mp3', data: 'SUQz' } },
    ]);
  });

  it('refuses a file id that is not a URI, raw file_data and an audio format Gemini cannot read, naming the part', () => {
    const refused = (part: ContentPart, param: RegExp) =>
      assert.throws(
        () => convertToGeminiRequest({ model: 'm', messages: [{ role: 'user', content: [{ type: 'text', text: 'x' }, part] }] }, []),
        (error: unknown) => error instanceof BadRequestError && param.test(error.param ?? ''),
      );
    refused({ type: 'file', file: { file_id: 'file-abc123' } }, /^messages\[0\]\.content\[1\]\.file\.file_id$/);
    refused({ type: 'file', file: { file_data: PDF } }, /file_data$/);
    refused({ type: 'file', file: { filename: 'x.pdf' } }, /\.file$/);
    refused({ type: 'input_audio', input_audio: { data: 'AAAA', format: 'pcm16' } }, /input_audio\.format$/);
  });

  it('maps top_k, thinking and web_search_options, with a warning for what Gemini cannot honour', () => {
    const warnings: string[] = [];
    const body = convertToGeminiRequest(
      {
        model: 'm',
        messages: [{ role: 'user', content: 'hi' }],
        top_k: 40,
        thinking: { type: 'enabled', budget_tokens: 2048 },
        reasoning_effort: 'high',
        web_search_options: { search_context_size: 'low' },
      },
      warnings,
    );
    assert.deepEqual(body.generationConfig, { topK: 40, thinkingConfig: { thinkingBudget: 2048, includeThoughts: true } });
    assert.deepEqual(body.tools, [{ googleSearch: {} }]);
    assert.equal(warnings.length, 2, warnings.join('; '));
    assert.match(warnings[0] ?? '', /search_context_size/);
    assert.match(warnings[1] ?? '', /reasoning_effort ignored/);

    const off = convertToGeminiRequest({ model: 'm', messages: [{ role: 'user', content: 'hi' }], thinking: { type: 'disabled' } }, []);
    assert.deepEqual(off.generationConfig, { thinkingConfig: { thinkingBudget: 0 } });
    const zero = convertToGeminiRequest({ model: 'm', messages: [{ role: 'user', content: 'hi' }], thinking: { type: 'enabled', budget_tokens: 0 } }, []);
    assert.deepEqual(zero.generationConfig, { thinkingConfig: { thinkingBudget: 0 } });
    // A client's malformed thinking is a 400 naming it, not a converter's TypeError (a 500).
    const malformed = JSON.parse('{"type": "enabled"}') as ThinkingParam;
    assert.throws(
      () => convertToGeminiRequest({ model: 'm', messages: [{ role: 'user', content: 'hi' }], thinking: malformed }, []),
      (error: unknown) => error instanceof BadRequestError && error.param === 'thinking',
    );
  });

  it("puts Google Search beside the caller's functions", () => {
    const body = convertToGeminiRequest(
      { model: 'm', messages: [{ role: 'user', content: 'hi' }], web_search_options: {}, tools: [{ type: 'function', function: { name: 'f' } }] },
      [],
    );
    assert.deepEqual(body.tools, [{ functionDeclarations: [{ name: 'f' }] }, { googleSearch: {} }]);
  });

  it('warns once that cache_control is ignored, wherever it sits', () => {
    const warnings: string[] = [];
    convertToGeminiRequest(
      {
        model: 'm',
        messages: [
          { role: 'system', content: 'long', cache_control: { type: 'ephemeral' } },
          { role: 'user', content: [{ type: 'text', text: 'doc', cache_control: { type: 'ephemeral' } }] },
        ],
      },
      warnings,
    );
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /^cache_control ignored: Gemini/);
    const none: string[] = [];
    convertToGeminiRequest({ model: 'm', messages: [{ role: 'user', content: [{ type: 'text', text: 'doc' }] }] }, none);
    assert.deepEqual(none, []);
  });
});

describe('gemini tool-call ids', () => {
  it('carry a thought signature there and back, within [A-Za-z0-9_-]', () => {
    const signature = 'CiQBjz1rX2Zha2Utc2lnbmF0dXJlLWZvci10ZXN0cw+/==';
    const id = createGeminiToolCallId(undefined, Buffer.from(signature, 'base64').toString('base64'));
    assert.match(id, /^[A-Za-z0-9_-]+$/);
    assert.equal(readThoughtSignature(id), Buffer.from(signature, 'base64').toString('base64'));
    assert.equal(readThoughtSignature(createGeminiToolCallId('fc-7', undefined)), undefined);
    assert.equal(createGeminiToolCallId('fc-7', undefined), 'fc-7');
    assert.equal(readThoughtSignature('call_abc'), undefined);
  });
});
