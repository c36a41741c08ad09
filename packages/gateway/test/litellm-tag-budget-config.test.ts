// LiteLLM's `litellm_settings.tag_budget_config`: a tag's max_budget per budget_duration from
// the config is enforced on calls carrying the tag (metadata.tags or top-level tags), with the
// 429 budget error, before any upstream call; other tags and untagged calls pass. A typo in
// the block stops the start naming its path. Over HTTP with the openai client.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeOpenAIUpstream, type FakeServer } from '@llmux/fake-upstreams';
import OpenAI from 'openai';
import { parseConfig } from '../src/index.js';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.js';
import { strictConfigRefusal } from './helpers/strict-config-refusal.js';

const hello = [{ role: 'user' as const, content: 'hi' }];
const MASTER_KEY = 'sk-master-tag-budgets';

const refusal = (settings: Record<string, unknown>): string => strictConfigRefusal({ model_list: [], litellm_settings: settings });

describe("LiteLLM's tag_budget_config", () => {
  let upstream: FakeServer;
  let gateway: TestGateway;
  let client: OpenAI;
  before(async () => {
    upstream = await startFakeOpenAIUpstream({ apiKey: 'sk-upstream' });
    gateway = await startTestGateway({
      model_list: [{ model_name: 'gpt-a', litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${upstream.url}/v1`, api_key: 'sk-upstream' } }],
      general_settings: { master_key: MASTER_KEY },
      // LiteLLM's documented example: a budget spent by the first call.
      litellm_settings: {
        tag_budget_config: {
          'product:chat-bot': { max_budget: 0.000000001, budget_duration: '1d' },
          'product:roomy': { max_budget: 100, budget_duration: '30d' },
          'product:shared': { max_budget: 100, budget_duration: '30d' },
          'product:tight': { max_budget: 0.000000001, budget_duration: '1d' },
        },
      },
    });
    client = new OpenAI({ apiKey: MASTER_KEY, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
  });
  after(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  const chatCalls = (): number => upstream.requests.filter((request) => request.url.endsWith('/chat/completions')).length;

  it('a call tagged with a config tag over its budget gets the 429 budget error and never reaches the provider', async () => {
    const tagged = { model: 'gpt-a', messages: hello, metadata: { tags: ['product:chat-bot'] } };
    assert.equal((await client.chat.completions.create({ model: 'gpt-a', messages: hello }, { body: tagged })).object, 'chat.completion');
    const before = chatCalls();
    await assert.rejects(
      client.chat.completions.create({ model: 'gpt-a', messages: hello }, { body: tagged }),
      (error: { status?: number; error?: { type?: string; message?: string } }) => {
        assert.equal(error.status, 429);
        assert.equal(error.error?.type, 'budget_exceeded');
        assert.match(String(error.error?.message), /tag product:chat-bot \(litellm_settings\.tag_budget_config\)/);
        return true;
      },
    );
    // Top-level `tags` (LiteLLM reads both) are held to the same budget.
    await assert.rejects(client.chat.completions.create({ model: 'gpt-a', messages: hello }, { body: { model: 'gpt-a', messages: hello, tags: ['product:chat-bot'] } }), {
      status: 429,
    });
    assert.equal(chatCalls(), before, 'a refused call is refused before any upstream call');
  });

  it('untagged calls and calls with another configured tag are not held to that budget', async () => {
    assert.equal((await client.chat.completions.create({ model: 'gpt-a', messages: hello })).object, 'chat.completion');
    const roomy = { model: 'gpt-a', messages: hello, metadata: { tags: ['product:roomy', 'unbudgeted'] } };
    assert.equal((await client.chat.completions.create({ model: 'gpt-a', messages: hello }, { body: roomy })).object, 'chat.completion');
  });

  it('a tag with both a config budget and a /tag/new budget is held to both: the tighter one refuses', async () => {
    // product:shared has $100 a month in the config; its /tag row (created before any call carries the tag) allows next to nothing.
    const created = await fetch(`${gateway.url}/tag/new`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'product:shared', max_budget: 0.000000001 }),
    });
    assert.equal(created.status, 200, await created.text());
    const shared = { model: 'gpt-a', messages: hello, metadata: { tags: ['product:shared'] } };
    assert.equal((await client.chat.completions.create({ model: 'gpt-a', messages: hello }, { body: shared })).object, 'chat.completion');
    await assert.rejects(client.chat.completions.create({ model: 'gpt-a', messages: hello }, { body: shared }), (error: { status?: number; error?: { message?: string } }) => {
      assert.equal(error.status, 429);
      assert.match(String(error.error?.message), /Budget exceeded for tag product:shared:/, 'the /tag row refused, not the roomy config budget');
      return true;
    });
    // And the other way round: a generous /tag row does not lift the config's tiny budget.
    const generous = await fetch(`${gateway.url}/tag/new`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'product:tight', max_budget: 100 }),
    });
    assert.equal(generous.status, 200, await generous.text());
    const tight = { model: 'gpt-a', messages: hello, metadata: { tags: ['product:tight'] } };
    await client.chat.completions.create({ model: 'gpt-a', messages: hello }, { body: tight });
    await assert.rejects(client.chat.completions.create({ model: 'gpt-a', messages: hello }, { body: tight }), (error: { status?: number; error?: { message?: string } }) => {
      assert.equal(error.status, 429);
      assert.match(String(error.error?.message), /tag product:tight \(litellm_settings\.tag_budget_config\)/);
      return true;
    });
  });

  it('loads without a startup warning, and a misspelt field, a bad duration or a missing budget_duration stop the start naming the path', () => {
    const { warnings } = parseConfig(
      { model_list: [], litellm_settings: { tag_budget_config: { 'product:chat-bot': { max_budget: 1, budget_duration: '1d' } } } },
      'litellm.yaml',
      {},
      { strict: true },
    );
    assert.ok(!warnings.some((warning) => warning.includes('tag_budget_config')), warnings.join('\n'));
    const typo = refusal({ tag_budget_config: { 'product:chat-bot': { max_budegt: 1, budget_duration: '1d' } } });
    assert.match(typo, /litellm_settings\.tag_budget_config\.product:chat-bot/);
    assert.match(typo, /max_budegt/);
    assert.match(refusal({ tag_budget_config: { 'product:chat-bot': { max_budget: 1, budget_duration: 'daily' } } }), /tag_budget_config\.product:chat-bot\.budget_duration/);
    assert.match(refusal({ tag_budget_config: { 'product:chat-bot': { max_budget: 1 } } }), /tag_budget_config\.product:chat-bot\.budget_duration/);
  });
});
