// Guardrails behind the other doors: /v1/messages with @anthropic-ai/sdk (a block is an
// Anthropic-shaped 400, a mask reaches Claude masked, system text included), /v1/responses
// (input items masked) and /v1/embeddings (pre_call on input); a post_call guardrail
// checks a /v1/messages reply; and a config llmux cannot honour
// refuses the start with the field's path.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { parseConfig, createGateway } from '../src/index.js';
import { startGuardrailsWorld, type GuardrailsWorld } from './helpers/guardrails-gateway.js';
import { prebuilt } from './helpers/prebuilt-pattern.js';

const GUARDRAILS = () => [
  {
    guardrail_name: 'pii',
    litellm_params: {
      guardrail: 'litellm_content_filter',
      mode: 'pre_call',
      default_on: true,
      patterns: [prebuilt('email', 'MASK'), prebuilt('iban', 'MASK'), prebuilt('us_ssn', 'BLOCK')],
    },
  },
  { guardrail_name: 'reply-check', litellm_params: { guardrail: 'litellm_content_filter', mode: 'post_call', blocked_words: [{ keyword: 'secret', action: 'BLOCK' }] } },
];

describe('guardrails on /v1/messages, /v1/responses and /v1/embeddings', () => {
  let world: GuardrailsWorld;

  before(async () => {
    world = await startGuardrailsWorld(GUARDRAILS);
  });
  after(() => world.close());

  it('/v1/messages: Claude gets the masked system and user text', async () => {
    const reply = await world.anthropicClient().messages.create({
      model: 'claude',
      max_tokens: 50,
      system: 'Escalate to ops@corp.example',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Pay DE89 3704 0044 0532 0130 00 from me@home.example' }] }],
    });
    assert.equal(reply.content[0]?.type, 'text');
    const sent = world.anthropic.requests.at(-1)?.json as { system: unknown; messages: { content: { text: string }[] }[] };
    assert.equal(JSON.stringify(sent.system).includes('ops@corp.example'), false);
    assert.match(JSON.stringify(sent.system), /\[EMAIL_REDACTED\]/);
    assert.equal(sent.messages[0]?.content[0]?.text, 'Pay [IBAN_REDACTED] from [EMAIL_REDACTED]');
  });

  it('/v1/messages: a block is an Anthropic-shaped 400 naming the guardrail, and Claude is not called', async () => {
    const calls = world.anthropic.requests.length;
    const error = await world
      .anthropicClient()
      .messages.create({ model: 'claude', max_tokens: 50, messages: [{ role: 'user', content: 'SSN 078-05-1120' }] })
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof Anthropic.BadRequestError);
    const body = error.error as { type: string; error: { type: string; message: string } };
    assert.equal(body.type, 'error');
    assert.equal(body.error.type, 'invalid_request_error');
    assert.match(body.error.message, /guardrail 'pii'.*us_ssn/);
    assert.equal(world.anthropic.requests.length, calls);
  });

  it('/v1/messages: a post_call guardrail checks the reply there (core reply hooks); a clean reply passes', async () => {
    const calls = world.anthropic.requests.length;
    const reply = await world
      .anthropicClient()
      .messages.create({ model: 'claude', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }], guardrails: ['reply-check'] } as Anthropic.MessageCreateParamsNonStreaming);
    assert.deepEqual(reply.content[0], { type: 'text', text: 'Hello!' });
    assert.equal(world.anthropic.requests.length, calls + 1);
  });

  it('/v1/responses: input items and instructions are masked before the upstream', async () => {
    const client = world.client();
    await client.responses.create({
      model: 'gpt',
      instructions: 'cc audit@corp.example',
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'mail x@y.io' }] }],
      store: false,
    });
    const sent = world.openai.requests.at(-1);
    assert.ok(sent !== undefined);
    assert.doesNotMatch(sent.text, /audit@corp\.example|x@y\.io/);
    assert.match(sent.text, /\[EMAIL_REDACTED\]/);
  });

  it('/v1/responses: a block is an OpenAI-shaped 400', async () => {
    const error = await world
      .client()
      .responses.create({ model: 'gpt', input: 'SSN 078-05-1120' })
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof OpenAI.BadRequestError);
    assert.match(error.message, /guardrail 'pii'/);
  });

  it('/v1/embeddings: pre_call masks each input; the header lists only guardrails that ran', async () => {
    const { response } = await world
      .client()
      // @ts-expect-error LiteLLM's request field
      .embeddings.create({ model: 'embed', input: ['one x@y.io', 'two'], guardrails: ['reply-check'] })
      .withResponse();
    assert.equal(response.headers.get('x-litellm-applied-guardrails'), 'pii', 'post_call has no text to check on embeddings');
    const sent = world.openai.requests.filter((request) => request.url.endsWith('/embeddings')).at(-1)?.json as { input: string[] };
    assert.deepEqual(sent.input, ['one [EMAIL_REDACTED]', 'two']);
  });
});

describe('guardrails config', () => {
  const start = (guardrails: unknown) => {
    const { config } = parseConfig({ model_list: [{ model_name: 'gpt', litellm_params: { model: 'openai/gpt-4o-mini', api_key: 'sk-x' } }], guardrails }, 'test config', {});
    return createGateway({ config });
  };

  it('an unknown guardrail type, field or prebuilt pattern refuses the start, naming the path', () => {
    assert.throws(
      () => start([{ guardrail_name: 'x', litellm_params: { guardrail: 'aporia', mode: 'pre_call' } }]),
      /guardrails\[0\]\.litellm_params\.guardrail: unknown guardrail type/,
    );
    assert.throws(
      () => start([{ guardrail_name: 'x', litellm_params: { guardrail: 'hide_secrets', mode: 'pre_call', colour: 'red' } }]),
      /guardrails\[0\]\.litellm_params\.colour: unknown field/,
    );
    assert.throws(
      () =>
        start([
          {
            guardrail_name: 'x',
            litellm_params: { guardrail: 'litellm_content_filter', mode: 'pre_call', patterns: [prebuilt('dna', 'MASK')] },
          },
        ]),
      /guardrails\[0\]\.litellm_params\.patterns\[0\]\.pattern_name/,
    );
    assert.throws(() => start([{ guardrail_name: 'x', litellm_params: { guardrail: 'hide_secrets', mode: 'sometimes' } }]), /guardrails\[0\]\.litellm_params\.mode/);
  });
});
