// LiteLLM's `fastest_response: true` with a comma-separated `model`: every listed group is
// called at once, the first answer is the reply, the slower upstream calls are cancelled
// (their connections closed), and only the answer the caller got is billed, as LiteLLM,
// which cancels the losing tasks before they log a cost. Both upstreams sit behind held
// fronts (held-upstream.ts): once both calls arrived, only the fast one is let through, so
// which one is faster is certain without timers. Through the openai client.

import * as assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startFakeOpenAIUpstream, type FakeServer } from '@llmux/fake-upstreams';
import OpenAI from 'openai';
import { startHeldUpstream, type HeldUpstream } from './helpers/held-upstream.js';
import { managementClient, type ManagementClient } from './helpers/management-client.js';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.js';
import { waitForSpendRows } from './helpers/wait-for-spend-rows.js';

const MASTER_KEY = 'sk-master-fastest';
const hello = [{ role: 'user' as const, content: 'hi' }];

// A cancelled call that was never cancelled would leave `abandoned` pending: the timeout turns that hang into a failure.
describe('LiteLLM fastest_response with a comma-separated model', { timeout: 60_000 }, () => {
  let upstream: FakeServer;
  let held: HeldUpstream;
  let fastGate: HeldUpstream;
  let gateway: TestGateway;
  let admin: ManagementClient;

  before(async () => {
    upstream = await startFakeOpenAIUpstream({ apiKey: 'sk-upstream' });
    held = await startHeldUpstream(upstream.url);
    fastGate = await startHeldUpstream(upstream.url);
    gateway = await startTestGateway({
      model_list: [
        { model_name: 'fast', litellm_params: { model: 'openai/gpt-4o', api_base: `${fastGate.url}/v1`, api_key: 'sk-upstream' } },
        // The held front decides when `slow` answers; until then it holds the call.
        { model_name: 'slow', litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${held.url}/v1`, api_key: 'sk-upstream' } },
      ],
      general_settings: { master_key: MASTER_KEY },
    });
    admin = managementClient(gateway.url, MASTER_KEY);
  });
  beforeEach(() => {
    held.hold();
    fastGate.hold();
  });
  after(async () => {
    await gateway.close();
    await held.close();
    await fastGate.close();
    await upstream.close();
  });

  const clientWithKey = async (): Promise<{ client: OpenAI; key: string }> => {
    const key = String((await admin.post('/key/generate', {})).body['key']);
    return { client: new OpenAI({ apiKey: key, baseURL: `${gateway.url}/v1`, maxRetries: 0 }), key };
  };

  it('answers with the fastest model, cancels the slower upstream call, and bills only the answer', async () => {
    const { client, key } = await clientWithKey();
    const body = { model: 'slow, fast', messages: hello, fastest_response: true };
    // `fastest_response` is LiteLLM's field, not OpenAI's: sent as an extra body field.
    const pending = client.chat.completions.create(body as OpenAI.ChatCompletionCreateParamsNonStreaming).withResponse();
    // Both groups are called; only `fast` is let through.
    await Promise.all([held.arrived(1), fastGate.arrived(1)]);
    fastGate.release();
    const { data, response } = await pending;
    assert.equal(response.headers.get('x-litellm-model-group'), 'fast');
    assert.equal(data.model, 'gpt-4o');
    // The gateway hung up on the slow call once `fast` had answered.
    const slowCall = held.requests[0];
    await slowCall?.abandoned;
    assert.equal((JSON.parse(slowCall?.body ?? '{}') as { model?: string }).model, 'gpt-4o-mini');
    held.release();
    // One call, one row: the answer's model group and price (the cancelled call has no row).
    const rows = await waitForSpendRows(admin, key, 1);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.model_group, 'fast');
    assert.equal(String(rows[0]?.spend), response.headers.get('x-litellm-response-cost'));
    // A later call's row arrives after it: still one row per call, none for the cancelled attempt.
    await client.chat.completions.create({ model: 'fast', messages: hello });
    assert.equal((await waitForSpendRows(admin, key, 2)).length, 2);
  });

  it('streams the fastest model and cancels the slower stream before it starts', async () => {
    const { client, key } = await clientWithKey();
    const body = { model: 'slow,fast', messages: hello, fastest_response: true, stream: true };
    // `fastest_response` is LiteLLM's field, not OpenAI's: sent as an extra body field.
    const pending = client.chat.completions.create(body as OpenAI.ChatCompletionCreateParamsStreaming).withResponse();
    await Promise.all([held.arrived(2), fastGate.arrived(3)]);
    fastGate.release();
    const { data, response } = await pending;
    let text = '';
    for await (const chunk of data) text += chunk.choices[0]?.delta.content ?? '';
    assert.equal(response.headers.get('x-litellm-model-group'), 'fast');
    assert.equal(text, 'Hello from gpt-4o');
    await held.requests[1]?.abandoned;
    held.release();
    const rows = await waitForSpendRows(admin, key, 1);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.model_group, 'fast');
  });

  it('when the fast group fails, the slower one answers (a failure is not a win)', async () => {
    const { client } = await clientWithKey();
    const body = { model: 'slow, missing-group', messages: hello, fastest_response: true };
    const pending = client.chat.completions.create(body as OpenAI.ChatCompletionCreateParamsNonStreaming).withResponse();
    await held.arrived(3);
    held.release();
    const { data, response } = await pending;
    assert.equal(response.headers.get('x-litellm-model-group'), 'slow');
    assert.equal(data.model, 'gpt-4o-mini');
    assert.equal(held.requests[2]?.wasAbandoned, false);
  });
});
