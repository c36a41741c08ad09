// Reply hooks in the core (core/reply-hooks.ts), through during_call guardrails: the check
// runs beside the upstream call, the reply (or a stream's first chunk) waits for it, and a
// block replaces the upstream's answer with the 400 in the caller's dialect. The check is a
// generic guardrail API fake that answers slowly, so the upstream call is made while it runs.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { startGuardrailsWorld, type GuardrailsWorld } from './helpers/guardrails-gateway.js';
import { readChatStream } from './helpers/read-chat-stream.js';

const GUARDRAILS = (service: string) => [
  { guardrail_name: 'beside', litellm_params: { guardrail: 'generic_guardrail_api', mode: 'during_call', default_on: true, api_base: service } },
];

describe('reply hooks: during_call beside the upstream call', () => {
  let world: GuardrailsWorld;

  before(async () => {
    world = await startGuardrailsWorld(GUARDRAILS);
    world.service.delayMs = 150;
  });
  after(() => world.close());

  it('a block answers 400 although the upstream was called; its reply is discarded', async () => {
    const calls = world.chatBodies().length;
    const error = await world
      .client()
      .chat.completions.create({ model: 'gpt', messages: [{ role: 'user', content: 'something forbidden' }] })
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof OpenAI.BadRequestError);
    assert.match(error.message, /guardrail 'beside' \(during_call\)/);
    assert.equal(world.chatBodies().length, calls + 1, 'the upstream call ran beside the check');
  });

  it('the upstream call is made while the check is still running; a pass leaves the answer unchanged', async () => {
    const calls = world.chatBodies().length;
    world.service.delayMs = 400;
    const pending = world.client().chat.completions.create({ model: 'gpt', messages: [{ role: 'user', content: 'hello' }] });
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(world.chatBodies().length, calls + 1, 'the upstream got the call before the 400 ms check answered');
    const reply = await pending;
    world.service.delayMs = 150;
    assert.equal(reply.choices[0]?.message.content, 'Hello!');
  });

  it('a stream is held until the check passes, then whole', async () => {
    const stream = await world.client().chat.completions.create({ model: 'gpt', messages: [{ role: 'user', content: 'hello' }], stream: true });
    const { text } = await readChatStream(stream);
    assert.equal(text, 'Hello!');
  });

  it('a blocked stream is a normal 400 (nothing was sent before the check), in the Anthropic shape on /v1/messages', async () => {
    const calls = world.anthropic.requests.length;
    const error = await world
      .anthropicClient()
      .messages.create({ model: 'claude', max_tokens: 50, stream: true, messages: [{ role: 'user', content: 'forbidden words' }] })
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof Anthropic.BadRequestError);
    const body = error.error as { type: string; error: { type: string; message: string } };
    assert.equal(body.type, 'error');
    assert.equal(body.error.type, 'invalid_request_error');
    assert.match(body.error.message, /guardrail 'beside'/);
    assert.equal(world.anthropic.requests.length, calls + 1);
  });

  it('/v1/responses: a pass answers unchanged', async () => {
    const response = await world.client().responses.create({ model: 'gpt', input: 'hello', store: false });
    assert.equal(response.output_text, 'Hello!');
  });
});
