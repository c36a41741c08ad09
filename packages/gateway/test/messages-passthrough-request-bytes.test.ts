// /v1/messages to an Anthropic deployment sends the client's bytes with only `model` patched
// (issue 19), complete replies and streams alike, since an Anthropic stream reports usage
// unasked. A body the gateway changes (LiteLLM's routing fields) is serialised again.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeAnthropicUpstream, type FakeServer } from '@llmux/fake-upstreams';
import { httpRequest } from './helpers/http-request.js';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.js';

const DEPLOYED = 'claude-sonnet-4-5-20250929';

describe('the bytes a passed-through /v1/messages call sends upstream', () => {
  let upstream: FakeServer;
  let gateway: TestGateway;

  before(async () => {
    upstream = await startFakeAnthropicUpstream({ reply: () => ({ content: 'hello', usage: { promptTokens: 3, completionTokens: 1 } }) });
    gateway = await startTestGateway({
      model_list: [{ model_name: 'claude', litellm_params: { model: `anthropic/${DEPLOYED}`, api_base: upstream.url, api_key: 'sk-ant-upstream' } }],
    });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  const send = async (body: string) => {
    const answer = await httpRequest(`${gateway.url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' }, body });
    assert.equal(answer.status, 200, answer.text);
    const received = upstream.requests.at(-1);
    assert.ok(received !== undefined);
    return { answer, received };
  };

  it('sends a complete call’s bytes with the model patched', async () => {
    const body = '{"max_tokens": 64,  "messages":[{"role":"user","content":"caf\u00e9"}], "model":"claude", "temperature": 1.0}';
    const { answer, received } = await send(body);
    assert.equal(received.text, body.replace('"model":"claude"', `"model":"${DEPLOYED}"`));
    assert.equal((answer.json as { content: Array<{ text: string }> }).content[0]?.text, 'hello');
  });

  it('sends a stream’s bytes with the model patched', async () => {
    const body = '{"model":"claude","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"hi"}]}';
    const { answer, received } = await send(body);
    assert.equal(received.text, body.replace('"claude"', `"${DEPLOYED}"`));
    assert.match(answer.text, /event: message_stop/);
  });

  it('serialises a body that carries LiteLLM routing fields, which the upstream never sees', async () => {
    const { received } = await send('{"model":"claude","max_tokens":64,"num_retries":1,"messages":[{"role":"user","content":"hi"}]}');
    assert.deepEqual(received.json, { model: DEPLOYED, max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] });
  });
});
