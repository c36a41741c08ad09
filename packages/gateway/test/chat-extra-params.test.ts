// No silent drops on /v1/chat/completions: a field llmux does not know reaches a provider
// that takes unknown fields (OpenAI's format), is refused with a 400 naming it by any other,
// or with drop_params is dropped with a warning the client sees. A refused call's error
// class reaches its spend row.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeAnthropicUpstream, startFakeOpenAIUpstream, type FakeServer } from '@llmux/fake-upstreams';
import { managementClient, type ManagementClient } from './helpers/management-client.js';
import { FakeFleet } from './helpers/fake-fleet.js';
import type { TestGateway } from './helpers/start-test-gateway.js';

const MASTER_KEY = 'sk-master-extra-params';

describe('chat parameters are never dropped silently', () => {
  const fleet = new FakeFleet();
  let openai: FakeServer;
  let anthropic: FakeServer;
  let gateway: TestGateway;
  let admin: ManagementClient;

  before(async () => {
    openai = fleet.started(await startFakeOpenAIUpstream());
    anthropic = fleet.started(await startFakeAnthropicUpstream());
    const claude = { model: 'anthropic/claude-sonnet-4-5-20250929', api_base: anthropic.url, api_key: 'sk-ant' };
    gateway = await fleet.startGateway(
      {
        gpt: { model: 'openai/gpt-4o-mini', api_base: `${openai.url}/v1`, api_key: 'sk-openai' },
        claude,
        'claude-dropping': { ...claude, drop_params: true },
      },
      MASTER_KEY,
    );
    admin = managementClient(gateway.url, MASTER_KEY);
  });
  after(() => fleet.close());

  const chat = async (key: string, body: Record<string, unknown>) => {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as { error?: { param?: string; message?: string } } };
  };
  const extras = { top_k: 40, web_search_options: { search_context_size: 'low' }, thinking: { type: 'enabled', budget_tokens: 1024 } };
  const hello = { messages: [{ role: 'user', content: 'hi' }] };

  it('forwards fields it does not know to an OpenAI-format provider, as sent', async () => {
    const reply = await chat(MASTER_KEY, { model: 'gpt', ...hello, ...extras });
    assert.equal(reply.status, 200);
    const sent = openai.requests.at(-1)?.json as Record<string, unknown>;
    assert.deepEqual({ top_k: sent['top_k'], web_search_options: sent['web_search_options'], thinking: sent['thinking'] }, extras);
  });

  it('maps the provider parameters a native provider declares into its own fields', async () => {
    const reply = await chat(MASTER_KEY, { model: 'claude', ...hello, max_tokens: 2048, ...extras });
    assert.equal(reply.status, 200);
    const sent = anthropic.requests.at(-1)?.json as Record<string, unknown>;
    assert.equal(sent['top_k'], 40);
    assert.deepEqual(sent['thinking'], extras.thinking);
    assert.deepEqual(sent['tools'], [{ type: 'web_search_20250305', name: 'web_search', max_uses: 1 }]);
  });

  // Anthropic has no repetition penalty (a field some OpenAI-compatible servers take).
  it('refuses them with a 400 naming the field where the provider would lose them', async () => {
    const before = anthropic.requests.length;
    const reply = await chat(MASTER_KEY, { model: 'claude', ...hello, repetition_penalty: 1.1 });
    assert.equal(reply.status, 400);
    assert.equal(reply.body.error?.param, 'repetition_penalty');
    assert.equal(anthropic.requests.length, before, 'nothing sent upstream');
  });

  it('drops them with a warning under drop_params', async () => {
    const reply = await chat(MASTER_KEY, { model: 'claude-dropping', ...hello, repetition_penalty: 1.1 });
    assert.equal(reply.status, 200);
    assert.match(reply.headers.get('x-llmux-warnings') ?? '', /repetition_penalty/);
    assert.equal((anthropic.requests.at(-1)?.json as Record<string, unknown>)['repetition_penalty'], undefined);
  });

  it("writes a refused call's error class to its spend row", async () => {
    const key = String((await admin.post('/key/generate', {})).body['key']);
    assert.equal((await chat(key, { model: 'claude', ...hello, repetition_penalty: 1.1 })).status, 400);
    let rows: Array<{ status?: string; metadata?: Record<string, unknown> }> = [];
    for (let attempt = 0; attempt < 150 && rows.length === 0; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const logs = await admin.get(`/spend/logs?api_key=${encodeURIComponent(key)}`);
      rows = (Array.isArray(logs.body) ? logs.body : ((logs.body as { data?: unknown[] }).data ?? [])) as typeof rows;
    }
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.status, 'failure');
    assert.equal(rows[0]?.metadata?.['error_class'], 'UnsupportedParamsError');
    assert.equal(rows[0]?.metadata?.['call_type'], 'acompletion');
  });
});
