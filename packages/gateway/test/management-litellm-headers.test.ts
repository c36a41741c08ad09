// The headers LiteLLM sends on each governed call (x-litellm-call-id, -model-api-base,
// -key-spend, -response-duration-ms, -overhead-duration-ms, -version, x-ratelimit-*), and
// LiteLLM's spend-log request_id: the reply's own id finds its row. Through the openai and
// Anthropic clients against the gateway (SQLite store).

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Anthropic from '@anthropic-ai/sdk';
import { describe } from 'node:test';
import { governedTests } from './helpers/governed-tests.js';

const hello = [{ role: 'user' as const, content: 'hi' }];
const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('LiteLLM response headers and spend-log request ids', () => {
  const itWithGateway = governedTests('sqlite');

  itWithGateway('a governed chat call carries x-litellm-call-id, -model-api-base, -key-spend, -response-duration-ms, -overhead-duration-ms and -version', async (setup) => {
    const key = String((await setup.admin.post('/key/generate', {})).body['key']);
    const { response } = await setup.openai(key).chat.completions.create({ model: 'gpt-a', messages: hello }).withResponse();
    const headers = response.headers;
    assert.equal(headers.get('x-litellm-call-id'), headers.get('x-request-id'));
    assert.equal(headers.get('x-litellm-model-api-base'), `${setup.upstream.url}/v1`);
    assert.equal(headers.get('x-litellm-key-spend'), '0');
    const duration = Number(headers.get('x-litellm-response-duration-ms'));
    const overhead = Number(headers.get('x-litellm-overhead-duration-ms'));
    assert.ok(duration > 0 && Number.isFinite(duration), `duration ${duration}`);
    assert.ok(overhead >= 0 && overhead <= duration, `overhead ${overhead} of ${duration}`);
    assert.equal(headers.get('x-litellm-version'), version);
    for (const [, value] of headers) assert.doesNotMatch(value, /sk-upstream/, 'no upstream secret in any header');
  });

  itWithGateway('x-ratelimit-* report the tightest request and token limits of a key with rpm_limit and tpm_limit', async (setup) => {
    const key = String((await setup.admin.post('/key/generate', { rpm_limit: 50, tpm_limit: 100000 })).body['key']);
    const { response } = await setup.openai(key).chat.completions.create({ model: 'gpt-a', messages: hello }).withResponse();
    assert.equal(response.headers.get('x-ratelimit-limit-requests'), '50');
    assert.equal(response.headers.get('x-ratelimit-remaining-requests'), '49');
    assert.equal(response.headers.get('x-ratelimit-limit-tokens'), '100000');
    assert.ok(Number(response.headers.get('x-ratelimit-remaining-tokens')) < 100000);
  });

  itWithGateway("/spend/logs?request_id=<the reply's id> finds the call's row (LiteLLM's request_id is the response id)", async (setup) => {
    const key = String((await setup.admin.post('/key/generate', {})).body['key']);
    const anthropic = new Anthropic({ apiKey: key, baseURL: setup.gateway.url, maxRetries: 0 });
    const message = await anthropic.messages.create({ model: 'gpt-a', max_tokens: 16, messages: hello });
    const stream = await setup.openai(key).chat.completions.create({ model: 'gpt-a', messages: hello, stream: true });
    let streamId = '';
    for await (const chunk of stream) streamId ||= chunk.id;
    const chat = await setup.openai(key).chat.completions.create({ model: 'gpt-a', messages: hello });
    for (const id of [message.id, streamId, chat.id]) {
      let rows: Array<{ response_id?: string; model: string }> = [];
      for (let attempt = 0; attempt < 100 && rows.length === 0; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        // The management helper types every body as an object; this route answers a list or another shape.
        rows = (await setup.admin.get(`/spend/logs?request_id=${encodeURIComponent(id)}`)).body as unknown as typeof rows;
      }
      assert.equal(rows.length, 1, `one row for ${id}`);
      assert.equal(rows[0]?.response_id, id);
    }
  });
});
