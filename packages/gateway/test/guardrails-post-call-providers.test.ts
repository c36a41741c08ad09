// post_call with a guardrail that calls a service (the generic guardrail API fake): allowed
// now that reply hooks can wait for it. A complete reply waits for the service's verdict (a
// rewrite reaches the client rewritten); a stream is checked in batches of new text and at
// its end, so a long reply costs a bounded number of calls, and a block after content began
// ends the stream with the door's error event.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { startGuardrailsWorld, type GuardrailsWorld } from './helpers/guardrails-gateway.js';
import { SERVICE_BATCH_CHARS } from '../src/guardrails/watch-reply.js';
import { readChatStream } from './helpers/read-chat-stream.js';

const GUARDRAILS = (service: string) => [
  { guardrail_name: 'reply-api', litellm_params: { guardrail: 'generic_guardrail_api', mode: 'post_call', default_on: true, api_base: service } },
];

/** A reply several batches long, with the service's block word at its end. */
const LONG_BLOCKED = `${'All is well here. '.repeat(60)}Now something forbidden.`;

describe('post_call with the generic guardrail API', () => {
  let world: GuardrailsWorld;

  before(async () => {
    world = await startGuardrailsWorld(GUARDRAILS);
  });
  after(() => world.close());

  const serviceCalls = () => world.service.requests.length;

  it('chat JSON: the service rewrites the reply before it is sent', async () => {
    world.setReply('Made by Acme.');
    const reply = await world.client().chat.completions.create({ model: 'gpt', messages: [{ role: 'user', content: 'who?' }] });
    world.setReply('Hello!');
    assert.equal(reply.choices[0]?.message.content, 'Made by [COMPANY].');
    const checked = world.service.requests.at(-1)?.json as { input_type: string; texts: string[] };
    assert.equal(checked.input_type, 'response');
    assert.deepEqual(checked.texts, ['Made by Acme.']);
  });

  it('/v1/messages stream: content goes out, the block at the end is an Anthropic error event; calls are batched', async () => {
    world.setReply(LONG_BLOCKED);
    const before = serviceCalls();
    const stream = world.anthropicClient().messages.stream({ model: 'claude', max_tokens: 500, messages: [{ role: 'user', content: 'talk' }] });
    let text = '';
    const failure = await (async () => {
      for await (const event of stream) if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
    })().catch((caught: unknown) => caught);
    world.setReply('Hello!');
    assert.ok(failure instanceof Anthropic.APIError, 'the stream ends with an error event, not silently');
    assert.match(String(failure.message), /guardrail 'reply-api' \(post_call\)/);
    assert.ok(text.startsWith('All is well here.'), 'content began before the block');
    const calls = serviceCalls() - before;
    assert.ok(calls >= 2 && calls <= Math.ceil(LONG_BLOCKED.length / SERVICE_BATCH_CHARS) + 1, `${calls} service calls for ${LONG_BLOCKED.length} characters`);
  });

  it('chat stream: a clean reply is whole, checked once at its end', async () => {
    const before = serviceCalls();
    const stream = await world.client().chat.completions.create({ model: 'gpt', messages: [{ role: 'user', content: 'hi' }], stream: true });
    const { text } = await readChatStream(stream);
    assert.equal(text, 'Hello!');
    assert.equal(serviceCalls() - before, 1);
  });

  it('a service that fails fails closed: the stream does not end as if whole, the error names the guardrail', async () => {
    world.service.failStatus = 500;
    const error = await world
      .client()
      .chat.completions.create({ model: 'gpt', messages: [{ role: 'user', content: 'hi' }], stream: true })
      .then(async (stream) => {
        for await (const _chunk of stream) void _chunk;
      })
      .catch((caught: unknown) => caught);
    world.service.failStatus = undefined;
    assert.ok(error instanceof OpenAI.APIError);
    assert.match(error.message, /reply-api/);
  });
});
