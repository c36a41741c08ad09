// LiteLLM's `extra_body`: a client that does not merge it itself (LiteLLM's SDK, raw HTTP,
// the `openai` client given it as a field) sends it as one top-level object; its fields reach
// the provider as if they had been sent at the top level: forwarded as sent to an
// OpenAI-format deployment, mapped or refused by name by a native one.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeAnthropicUpstream, startFakeOpenAIUpstream, type FakeServer } from '@llmux/fake-upstreams';
import OpenAI from 'openai';
import { FakeFleet } from './helpers/fake-fleet.js';
import type { TestGateway } from './helpers/start-test-gateway.js';

const MASTER_KEY = 'sk-master-extra-body';
const HELLO = [{ role: 'user' as const, content: 'hi' }];

/** The `openai` client sends any field it does not know as it is: here, LiteLLM's extra_body object. */
type WithExtraBody = OpenAI.ChatCompletionCreateParamsNonStreaming & { extra_body: Record<string, unknown> };

describe('extra_body fields are passed through (LiteLLM drop-in)', () => {
  const fleet = new FakeFleet();
  let openai: FakeServer;
  let anthropic: FakeServer;
  let gateway: TestGateway;
  let client: OpenAI;

  before(async () => {
    openai = fleet.started(await startFakeOpenAIUpstream());
    anthropic = fleet.started(await startFakeAnthropicUpstream());
    gateway = await fleet.startGateway(
      {
        gpt: { model: 'openai/gpt-4o-mini', api_base: `${openai.url}/v1`, api_key: 'sk-openai' },
        claude: { model: 'anthropic/claude-sonnet-4-5-20250929', api_base: anthropic.url, api_key: 'sk-ant' },
      },
      MASTER_KEY,
    );
    client = fleet.openAIClient(MASTER_KEY);
  });
  after(() => fleet.close());

  const post = async (body: Record<string, unknown>) => {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as { error?: { param?: string; message?: string } } };
  };
  const sentTo = (fake: FakeServer) => fake.requests.at(-1)?.json as Record<string, unknown>;

  it('raw HTTP: an OpenAI-format deployment receives the fields at the top level, and no extra_body', async () => {
    const reply = await post({ model: 'gpt', messages: HELLO, temperature: 0.1, extra_body: { top_k: 40, guided_choice: ['yes', 'no'], temperature: 0.7 } });
    assert.equal(reply.status, 200);
    const sent = sentTo(openai);
    assert.equal(sent['extra_body'], undefined);
    assert.equal(sent['top_k'], 40);
    assert.deepEqual(sent['guided_choice'], ['yes', 'no']);
    // extra_body wins over the body's own field, as it does when the OpenAI client merges it.
    assert.equal(sent['temperature'], 0.7);
  });

  it('the openai client with an extra_body field: the same fields reach the OpenAI-format upstream', async () => {
    const params: WithExtraBody = { model: 'gpt', messages: HELLO, extra_body: { top_k: 12, repetition_penalty: 1.1 } };
    await client.chat.completions.create(params);
    const sent = sentTo(openai);
    assert.equal(sent['extra_body'], undefined);
    assert.equal(sent['top_k'], 12);
    assert.equal(sent['repetition_penalty'], 1.1);
  });

  it('an Anthropic deployment takes what it supports and refuses the rest by name, sending nothing', async () => {
    await client.chat.completions.create({ model: 'claude', messages: HELLO, extra_body: { temperature: 0.3 } } as WithExtraBody);
    assert.equal(sentTo(anthropic)['temperature'], 0.3);
    const before = anthropic.requests.length;
    await assert.rejects(
      client.chat.completions.create({ model: 'claude', messages: HELLO, extra_body: { repetition_penalty: 1.1 } } as WithExtraBody),
      (error: unknown) => error instanceof OpenAI.BadRequestError && error.param === 'repetition_penalty' && /repetition_penalty/.test(error.message),
    );
    assert.equal(anthropic.requests.length, before);
  });

  it('extra_body cannot change the model, the prompt or a deployment setting; the client is told', async () => {
    const reply = await post({ model: 'gpt', messages: HELLO, extra_body: { model: 'claude', api_base: 'http://elsewhere.invalid', messages: [] } });
    assert.equal(reply.status, 200);
    assert.equal(sentTo(openai)['model'], 'gpt-4o-mini');
    assert.deepEqual(sentTo(openai)['messages'], HELLO);
    const warnings = reply.headers.get('x-llmux-warnings') ?? '';
    assert.match(warnings, /ignored "extra_body\.model"/);
    assert.match(warnings, /ignored "extra_body\.api_base": a deployment setting/);
  });
});
