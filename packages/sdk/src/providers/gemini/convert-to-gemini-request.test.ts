// Canonical request → Gemini body, for the conversions the end-to-end tests do not reach.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { BadRequestError } from '../../errors/error-classes.js';
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
