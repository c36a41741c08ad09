// The gateway's own upstream credential, missing or refused, is reported as the gateway's
// problem with a named deployment (500/502, code upstream_credential_error), never as a 401
// that reads like the caller's key was wrong. A fallback still serves; the same deployment
// is not retried.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { startFakeOpenAIUpstream, type FakeServer } from '@llmux/fake-upstreams';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.js';

const MASTER_KEY = 'sk-master-upstream-credential';
const GOOD_KEY = 'sk-upstream-good-credential';

describe('upstream credential errors', () => {
  let upstream: FakeServer;
  let gateway: TestGateway;
  let client: OpenAI;
  const savedAnthropicKey = process.env['ANTHROPIC_API_KEY'];

  before(async () => {
    // The missing-key case must not find a key on this machine.
    delete process.env['ANTHROPIC_API_KEY'];
    upstream = await startFakeOpenAIUpstream({ apiKey: GOOD_KEY });
    const base = `${upstream.url}/v1`;
    gateway = await startTestGateway({
      model_list: [
        { model_name: 'refused', litellm_params: { model: 'openai/gpt-4o-mini', api_base: base, api_key: 'sk-upstream-wrong-credential' }, model_info: { id: 'refused-dep' } },
        { model_name: 'missing', litellm_params: { model: 'anthropic/claude-3-5-haiku', api_base: base }, model_info: { id: 'missing-dep' } },
        { model_name: 'good', litellm_params: { model: 'openai/gpt-4o-mini', api_base: base, api_key: GOOD_KEY } },
        { model_name: 'refused-then-good', litellm_params: { model: 'openai/gpt-4o-mini', api_base: base, api_key: 'sk-upstream-wrong-credential' } },
      ],
      router_settings: { num_retries: 2, retry_after: 0, fallbacks: [{ 'refused-then-good': ['good'] }] },
      general_settings: { master_key: MASTER_KEY },
    });
    client = new OpenAI({ apiKey: MASTER_KEY, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
  });
  after(async () => {
    if (savedAnthropicKey !== undefined) process.env['ANTHROPIC_API_KEY'] = savedAnthropicKey;
    await gateway.close();
    await upstream.close();
  });

  it('answers 502 naming the deployment when the upstream refuses the gateway credential, without retrying it', async () => {
    const before = upstream.requests.length;
    await assert.rejects(client.chat.completions.create({ model: 'refused', messages: [{ role: 'user', content: 'hi' }] }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.APIError);
      assert.ok(!(error instanceof OpenAI.AuthenticationError), "never a 401: the caller's key is fine");
      assert.equal(error.status, 502);
      assert.equal(error.code, 'upstream_credential_error');
      assert.match(error.message, /refused the gateway's credential for deployment "refused-dep" of model group "refused"/);
      assert.match(error.message, /not a problem with your API key/);
      assert.ok(!error.message.includes('sk-upstream-wrong-credential'));
      return true;
    });
    assert.equal(upstream.requests.length - before, 1, 'a refused credential is not retried on the same deployment');
  });

  it('answers 500 naming the deployment and the variable when the gateway has no credential', async () => {
    await assert.rejects(client.chat.completions.create({ model: 'missing', messages: [{ role: 'user', content: 'hi' }] }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.InternalServerError);
      assert.equal(error.status, 500);
      assert.equal(error.code, 'upstream_credential_error');
      assert.match(error.message, /The gateway's upstream credential for deployment "missing-dep" of model group "missing" is missing/);
      assert.match(error.message, /ANTHROPIC_API_KEY/);
      return true;
    });
  });

  it('still falls back to another model group', async () => {
    const completion = await client.chat.completions.create({ model: 'refused-then-good', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(completion.object, 'chat.completion');
  });
});
