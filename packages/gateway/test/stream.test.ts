// Streaming at the wire level: the exact SSE framing, and the terminal error event after a
// mid-stream failure.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeOpenAIUpstream, type FakeServer } from '@llmux/fake-upstreams';
import { httpRequest } from './helpers/http-request.js';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.js';

describe('gateway streaming', () => {
  let upstream: FakeServer;
  let gateway: TestGateway;

  before(async () => {
    upstream = await startFakeOpenAIUpstream({
      reply: (recorded) => (JSON.stringify(recorded.json).includes('fail midway') ? { content: 'one two three four', failAfterChunks: 1 } : { content: 'one two three' }),
    });
    gateway = await startTestGateway({
      model_list: [{ model_name: 'fast', litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${upstream.url}/v1`, api_key: 'sk-x' } }],
    });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  const streamBody = (model: string, content: string) => JSON.stringify({ model, stream: true, messages: [{ role: 'user', content }] });

  it('writes data: events and ends with [DONE]', async () => {
    const response = await httpRequest(`${gateway.url}/v1/chat/completions`, { method: 'POST', body: streamBody('fast', 'hi') });
    assert.equal(response.status, 200);
    assert.equal(response.headers['content-type'], 'text/event-stream');
    assert.equal(response.headers['x-litellm-model-group'], 'fast');
    assert.equal(response.headers['x-litellm-response-cost'], undefined);
    const events = response.text.split('\n\n').filter((event) => event !== '');
    assert.ok(events.every((event) => event.startsWith('data: ')));
    assert.equal(events.at(-1), 'data: [DONE]');
    const text = events
      .slice(0, -1)
      .map((event) => (JSON.parse(event.slice(6)) as { choices: Array<{ delta: { content?: string } }> }).choices[0]?.delta.content ?? '')
      .join('');
    assert.equal(text, 'one two three');
  });

  it('ends a stream that fails midway with one error event and no [DONE]', async () => {
    const response = await httpRequest(`${gateway.url}/v1/chat/completions`, { method: 'POST', body: streamBody('fast', 'fail midway') });
    assert.equal(response.status, 200);
    const events = response.text.split('\n\n').filter((event) => event !== '');
    assert.ok(!response.text.includes('[DONE]'));
    const last = JSON.parse(events.at(-1)?.slice(6) ?? '') as { error?: { message: string; type: string; code: string | null } };
    assert.ok(last.error !== undefined, response.text);
    assert.equal(typeof last.error.type, 'string');
    const line = gateway.logs.records().find((record) => record['requestId'] === response.headers['x-request-id']);
    assert.ok(line !== undefined && typeof line['errorClass'] === 'string', 'the error is logged with its class');
    assert.equal(line['level'], 50, 'a broken stream is logged as an error');
    assert.equal(line['stream'], true);
  });

  it('still serves after a failed stream', async () => {
    const response = await httpRequest(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'fast', messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(response.status, 200);
  });
});
