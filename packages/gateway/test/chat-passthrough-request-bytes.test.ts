// A passed-through chat body is the client's bytes with only `model` changed (issue 19:
// patched, not rebuilt), when nothing else changes: every other byte reaches the upstream
// as sent. Where the gateway changes the body (a deployment's own defaults, a null dropped,
// a stream's usage request) or cannot be sure where the top-level `model` is, it is
// serialised again, and the upstream always gets the deployment's model.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeOpenAIUpstream, type FakeServer } from '@llmux/fake-upstreams';
import { httpRequest } from './helpers/http-request.js';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.js';

const DEPLOYED = 'gpt-4o-mini-2024-07-18';

describe('the bytes a passed-through chat call sends upstream', () => {
  let upstream: FakeServer;
  let gateway: TestGateway;

  before(async () => {
    upstream = await startFakeOpenAIUpstream({ reply: () => ({ content: 'hello', usage: { promptTokens: 3, completionTokens: 1 } }) });
    const deployment = (name: string, extra: Record<string, unknown> = {}) => ({
      model_name: name,
      litellm_params: { model: `openai/${DEPLOYED}`, api_base: `${upstream.url}/v1`, api_key: 'sk-upstream', ...extra },
    });
    gateway = await startTestGateway({ model_list: [deployment('gpt'), deployment('warm', { temperature: 0.25 })] });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  const send = async (body: string) => {
    const answer = await httpRequest(`${gateway.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    assert.equal(answer.status, 200, answer.text);
    assert.equal((answer.json as { choices: Array<{ message: { content: string } }> }).choices[0]?.message.content, 'hello');
    const received = upstream.requests.at(-1);
    assert.ok(received !== undefined);
    return received;
  };

  it('sends the client’s bytes with the model patched: spacing, key order, numbers and text as sent', async () => {
    const body = '{ "messages" : [ {"role":"user","content":"caf\u00e9 \u{1F600} \\"q\\""} ],\n  "model" : "gpt", "temperature": 1.0, "top_k": 5, "metadata": {"app":"x"} }';
    const received = await send(body);
    assert.equal(received.text, body.replace('"model" : "gpt"', `"model" : "${DEPLOYED}"`));
  });

  it('serialises the body again where the deployment adds its own fields', async () => {
    const received = await send('{"model":"warm","messages":[{"role":"user","content":"hi"}]}');
    assert.deepEqual(received.json, { model: DEPLOYED, messages: [{ role: 'user', content: 'hi' }], temperature: 0.25, stream: false });
  });

  it('serialises the body again where the door dropped a field', async () => {
    const received = await send('{"model":"gpt","messages":[{"role":"user","content":"hi"}],"temperature":null,"metadata":{"tags":["a"],"app":"x"}}');
    assert.deepEqual(received.json, { model: DEPLOYED, messages: [{ role: 'user', content: 'hi' }], metadata: { app: 'x' }, stream: false });
  });

  it('never leaves the client’s model at the top when the key is spelled with an escape', async () => {
    // JSON.parse reads "mod\u0065l" as `model`; a literal "model" sits in a forwarded extra.
    const received = await send('{"mod\\u0065l":"gpt","messages":[{"role":"user","content":"hi"}],"routing_hint":{"model":"gpt"}}');
    const json = received.json as { model: string; routing_hint: unknown };
    assert.equal(json.model, DEPLOYED);
    assert.deepEqual(json.routing_hint, { model: 'gpt' });
  });

  it('sends a stream’s bytes patched when the client asked for usage itself', async () => {
    const body = '{"model":"gpt","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"hi"}]}';
    const answer = await httpRequest(`${gateway.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    assert.equal(answer.status, 200);
    assert.equal(upstream.requests.at(-1)?.text, body.replace('"gpt"', `"${DEPLOYED}"`));
  });

  it('serialises a stream’s body where the gateway adds the usage request', async () => {
    const answer = await httpRequest(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"model":"gpt","stream":true,"messages":[{"role":"user","content":"hi"}]}',
    });
    assert.equal(answer.status, 200);
    assert.deepEqual(upstream.requests.at(-1)?.json, { model: DEPLOYED, stream: true, messages: [{ role: 'user', content: 'hi' }], stream_options: { include_usage: true } });
  });
});

describe('the bytes a passed-through Responses call sends upstream', () => {
  let upstream: FakeServer;
  let gateway: TestGateway;

  before(async () => {
    upstream = await startFakeOpenAIUpstream({ reply: () => ({ content: 'hello', usage: { promptTokens: 3, completionTokens: 1 } }) });
    // The gateway keeps no stored responses here: the body reaches the upstream as the client sent it.
    gateway = await startTestGateway({
      model_list: [{ model_name: 'gpt', litellm_params: { model: `openai/${DEPLOYED}`, api_base: `${upstream.url}/v1`, api_key: 'sk-upstream' } }],
    });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  for (const stream of [false, true]) {
    it(`sends the client’s bytes with the model patched${stream ? ', streamed' : ''}`, async () => {
      const body = `{"input" : "hi",  "model":"gpt"${stream ? ',"stream":true' : ''}}`;
      const answer = await httpRequest(`${gateway.url}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      assert.equal(answer.status, 200, answer.text);
      const received = upstream.requests.at(-1);
      assert.equal(received?.url, '/v1/responses');
      assert.equal(received?.text, body.replace('"gpt"', `"${DEPLOYED}"`));
    });
  }
});
