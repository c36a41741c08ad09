// post_call guardrails behind the /v1/messages and /v1/responses doors (core reply hooks):
// a complete reply is checked before it is sent (a block is the door's 400, the upstream was
// called), a stream is checked as its text grows: a block after content began ends it with
// the door's error event, never a silent truncation, and the blocked text never leaves.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { startGuardrailsWorld, type GuardrailsWorld } from './helpers/guardrails-gateway.js';
import { prebuilt } from './helpers/prebuilt-pattern.js';
import { waitForSpendRows } from './helpers/wait-for-spend-rows.js';

const GUARDRAILS = () => [
  {
    guardrail_name: 'reply-check',
    litellm_params: {
      guardrail: 'litellm_content_filter',
      mode: 'post_call',
      default_on: true,
      blocked_words: [{ keyword: 'secret', action: 'BLOCK' }],
      patterns: [prebuilt('email', 'MASK')],
    },
  },
];

const BLOCKED_REPLY = 'Sure. The launch codes are secret and stay so.';

describe('post_call on /v1/messages and /v1/responses', () => {
  let world: GuardrailsWorld;

  before(async () => {
    world = await startGuardrailsWorld(GUARDRAILS);
  });
  after(() => world.close());

  it('/v1/messages JSON: a reply with a blocked word is an Anthropic 400 after Claude answered; a mask reaches the client masked', async () => {
    world.setReply(BLOCKED_REPLY);
    const calls = world.anthropic.requests.length;
    const error = await world
      .anthropicClient()
      .messages.create({ model: 'claude', max_tokens: 50, messages: [{ role: 'user', content: 'codes?' }] })
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof Anthropic.BadRequestError);
    const body = error.error as { type: string; error: { type: string; message: string } };
    assert.equal(body.error.type, 'invalid_request_error');
    assert.match(body.error.message, /guardrail 'reply-check' \(post_call\)/);
    assert.equal(world.anthropic.requests.length, calls + 1, 'Claude answered; the reply was held back');
    world.setReply('Write to ops@corp.example');
    const masked = await world.anthropicClient().messages.create({ model: 'claude', max_tokens: 50, messages: [{ role: 'user', content: 'who?' }] });
    assert.deepEqual(masked.content[0], { type: 'text', text: 'Write to [EMAIL_REDACTED]' });
    world.setReply('Hello!');
  });

  it('/v1/messages stream: content goes out, then the blocked word ends the stream with an Anthropic error event', async () => {
    world.setReply(BLOCKED_REPLY);
    const stream = world.anthropicClient().messages.stream({ model: 'claude', max_tokens: 50, messages: [{ role: 'user', content: 'codes?' }] });
    let text = '';
    const failure = await (async () => {
      for await (const event of stream) if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
    })().catch((caught: unknown) => caught);
    assert.ok(failure instanceof Anthropic.APIError, 'the stream ends with an error event, not silently');
    assert.match(String(failure.message), /reply-check/);
    assert.ok(text.startsWith('Sure.'), 'content began before the block');
    assert.doesNotMatch(text, /secret/);
    world.setReply('Hello!');
  });

  it('a stream refused after it began: its spend row says so (call_end reply_refused, the guardrail blocked) and holds what was delivered', async () => {
    const key = String((await world.admin.post('/key/generate', {})).body['key']);
    world.setReply(BLOCKED_REPLY);
    const stream = world.anthropicClient(key).messages.stream({ model: 'claude', max_tokens: 50, messages: [{ role: 'user', content: 'codes?' }] });
    await stream.finalMessage().catch(() => undefined);
    world.setReply('Hello!');
    const [row] = await waitForSpendRows(world.admin, key, 1);
    assert.ok(row !== undefined);
    assert.equal(row.status, 'failure');
    assert.equal(row.metadata?.['call_end'], 'reply_refused', JSON.stringify(row.metadata));
    const ran = row.metadata?.['guardrail_information'] as { guardrail_name: string; guardrail_mode: string; guardrail_status: string }[];
    assert.deepEqual(
      ran.map((one) => `${one.guardrail_name}:${one.guardrail_mode}:${one.guardrail_status}`),
      ['reply-check:post_call:blocked'],
    );
    assert.ok((row.completion_tokens ?? 0) > 0, 'billed for the text delivered before the block');
  });

  it('/v1/messages stream: a clean reply is whole', async () => {
    const message = await world
      .anthropicClient()
      .messages.stream({ model: 'claude', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] })
      .finalMessage();
    assert.deepEqual(message.content[0], { type: 'text', text: 'Hello!' });
    assert.equal(message.stop_reason, 'end_turn');
  });

  it('/v1/responses JSON: a block is an OpenAI 400; a mask reaches the client masked', async () => {
    world.setReply(BLOCKED_REPLY);
    const error = await world
      .client()
      .responses.create({ model: 'gpt', input: 'codes?', store: false })
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof OpenAI.BadRequestError);
    assert.match(error.message, /guardrail 'reply-check' \(post_call\)/);
    world.setReply('Write to ops@corp.example');
    const masked = await world.client().responses.create({ model: 'gpt', input: 'who?', store: false });
    assert.equal(masked.output_text, 'Write to [EMAIL_REDACTED]');
    world.setReply('Hello!');
  });

  it('/v1/responses stream: content goes out, then the block ends the stream with an error event', async () => {
    world.setReply(BLOCKED_REPLY);
    const stream = await world.client().responses.create({ model: 'gpt', input: 'codes?', store: false, stream: true });
    let text = '';
    const types: string[] = [];
    let failed: string | undefined;
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.output_text.delta') text += event.delta;
      if (event.type === 'response.failed') failed = event.response.error?.message;
    }
    world.setReply('Hello!');
    // The Responses dialect's terminal error event: response.failed, naming the guardrail.
    assert.equal(types.at(-1), 'response.failed', types.join(' '));
    assert.match(String(failed), /reply-check/);
    assert.ok(text.length > 0, 'content began before the block');
    assert.doesNotMatch(text, /secret/);
    assert.equal(types.includes('response.completed'), false);
  });

  it('/v1/responses stream: a clean reply completes', async () => {
    const stream = await world.client().responses.create({ model: 'gpt', input: 'hi', store: false, stream: true });
    let text = '';
    let completed = false;
    for await (const event of stream) {
      if (event.type === 'response.output_text.delta') text += event.delta;
      if (event.type === 'response.completed') completed = true;
    }
    assert.equal(text, 'Hello!');
    assert.ok(completed);
  });
});
