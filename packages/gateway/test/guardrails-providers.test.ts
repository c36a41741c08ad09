// Provider guardrails over their wire protocols, against faithful fakes: Presidio's analyzer
// and anonymizer (masking per entity, BLOCK entities, score thresholds, the phrase allow list,
// logging_only masking only the spend log's copy, and a dead service failing closed).

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { startFakePresidio, type FakePresidio } from '@llmux/fake-upstreams';
import { startGuardrailsWorld, type GuardrailsWorld } from './helpers/guardrails-gateway.js';
import { waitForSpendRows } from './helpers/wait-for-spend-rows.js';

const userText = (body: Record<string, unknown> | undefined): unknown => (body?.['messages'] as { content: unknown }[] | undefined)?.at(-1)?.content;

describe('presidio guardrail', () => {
  let presidio: FakePresidio;
  let world: GuardrailsWorld;
  let client: OpenAI;

  before(async () => {
    presidio = await startFakePresidio();
    const apis = { presidio_analyzer_api_base: presidio.analyzer.url, presidio_anonymizer_api_base: presidio.anonymizer.url };
    world = await startGuardrailsWorld(() => [
      {
        guardrail_name: 'presidio-pii',
        litellm_params: {
          guardrail: 'presidio',
          mode: 'pre_call',
          ...apis,
          presidio_language: 'en',
          pii_entities_config: { EMAIL_ADDRESS: 'MASK', PERSON: 'MASK', PHONE_NUMBER: 'MASK', CREDIT_CARD: 'BLOCK' },
          presidio_score_thresholds: { PHONE_NUMBER: 0.8 },
          presidio_phrase_allow_list: ['John Smith'],
        },
      },
      { guardrail_name: 'presidio-log', litellm_params: { guardrail: 'presidio', mode: 'logging_only', ...apis } },
      { guardrail_name: 'presidio-dead', litellm_params: { guardrail: 'presidio', mode: 'pre_call', presidio_analyzer_api_base: 'http://127.0.0.1:9', presidio_anonymizer_api_base: 'http://127.0.0.1:9', timeout: 1 } },
    ]);
    client = world.client();
  });
  after(async () => {
    await world.close();
    await presidio.close();
  });

  const ask = (content: string, guardrails: string[], chat = client) =>
    // @ts-expect-error LiteLLM's request field, at the top level as extra_body sends it
    chat.chat.completions.create({ model: 'gpt', messages: [{ role: 'user', content }], guardrails });

  it('masks the configured entities through the analyzer and the anonymizer; the threshold and allow list keep what they keep', async () => {
    await ask('I am Jane Doe, mail jane@corp.example, call 555-123-4567; my colleague John Smith', ['presidio-pii']);
    assert.equal(userText(world.chatBodies().at(-1)), 'I am <PERSON>, mail <EMAIL_ADDRESS>, call 555-123-4567; my colleague John Smith');
    const analyze = presidio.analyzer.requests.at(-1)?.json as Record<string, unknown>;
    assert.equal(analyze['language'], 'en');
    assert.deepEqual(analyze['entities'], ['EMAIL_ADDRESS', 'PERSON', 'PHONE_NUMBER', 'CREDIT_CARD']);
    const anonymize = presidio.anonymizer.requests.at(-1)?.json as { analyzer_results: { entity_type: string }[] };
    assert.deepEqual(anonymize.analyzer_results.map((result) => result.entity_type).sort(), ['EMAIL_ADDRESS', 'PERSON']);
  });

  it('a BLOCK entity refuses the call with LiteLLM\'s wording, and no upstream call', async () => {
    const calls = world.chatBodies().length;
    const error = await ask('card 4111 1111 1111 1111', ['presidio-pii']).catch((caught: unknown) => caught);
    assert.ok(error instanceof OpenAI.BadRequestError);
    assert.match(error.message, /Blocked PII entity detected: CREDIT_CARD by Guardrail: presidio-pii/);
    assert.equal(world.chatBodies().length, calls);
  });

  it('logging_only masks the spend log\'s prompt only: the upstream gets the text as sent', async () => {
    const key = String((await world.admin.post('/key/generate', {})).body['key']);
    await ask('mail ann@corp.example', ['presidio-log'], world.client(key));
    assert.equal(userText(world.chatBodies().at(-1)), 'mail ann@corp.example');
    const [row] = await waitForSpendRows(world.admin, key, 1);
    assert.ok(row !== undefined);
    const logged = JSON.stringify((row as Record<string, unknown>)['messages']);
    assert.match(logged, /mail <EMAIL_ADDRESS>/);
    assert.doesNotMatch(logged, /ann@corp\.example/);
    assert.equal((row.metadata?.['guardrail_information'] as { guardrail_status: string }[])[0]?.guardrail_status, 'guardrail_intervened');
  });

  it('a Presidio that cannot be reached fails closed with a 503 and no upstream call', async () => {
    const calls = world.chatBodies().length;
    const error = await ask('hello', ['presidio-dead']).catch((caught: unknown) => caught);
    assert.ok(error instanceof OpenAI.APIError && error.status === 503, String(error));
    assert.match(error.message, /presidio-dead/);
    assert.equal(world.chatBodies().length, calls);
  });
});
