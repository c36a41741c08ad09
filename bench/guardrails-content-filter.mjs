#!/usr/bin/env node
// The content filter's cost on the chat path, A/B in one process: two gateways from source
// over one fake OpenAI upstream, one without guardrails and one with a default_on
// litellm_content_filter (5 prebuilt patterns and a keyword, pre_call), driven in
// alternating rounds by undici at a fixed concurrency. Reports requests/s and the process's
// CPU µs per request for each; the difference is the filter (upstream and client are the
// same in both). Everything shares the machine, so compare the two columns of one run only.
// `--micro` instead times the hook's own work (select, strip, collect, filter, rewrite) on a
// clean and a masked chat body, with no HTTP: steadier on a busy machine.
//   node --conditions=llmux-source --import tsx bench/guardrails-content-filter.mjs [--rounds 6] [--seconds 3] [--concurrency 16] [--micro]

import { parseArgs } from 'node:util';
import { median, runGatewayAB } from './lib/ab-gateways.mjs';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '6' },
    seconds: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '16' },
    micro: { type: 'boolean', default: false },
  },
});
const ROUNDS = Number(values.rounds);
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);

const FILTER = {
  guardrail_name: 'pii',
  litellm_params: {
    guardrail: 'litellm_content_filter',
    mode: 'pre_call',
    default_on: true,
    patterns: ['email', 'credit_card', 'us_ssn', 'phone', 'ipv4'].map((name) => ({ pattern_type: 'prebuilt', pattern_name: name, action: name === 'us_ssn' ? 'BLOCK' : 'MASK' })),
    blocked_words: [{ keyword: 'confidential', action: 'BLOCK' }],
  },
};
const BODY = JSON.stringify({
  model: 'gpt',
  messages: [
    { role: 'system', content: 'You are a helpful assistant.' },
    { role: 'user', content: 'Write a haiku about the sea and the wind over the harbour at dawn, please.' },
  ],
});

if (values.micro) {
  const { createContentFilterCheck } = await import('../packages/gateway/src/guardrails/create-content-filter.ts');
  const { collectRequestTexts, replaceRequestTexts } = await import('../packages/gateway/src/guardrails/walk-request-texts.ts');
  const { withoutGuardrailFields } = await import('../packages/gateway/src/guardrails/without-guardrail-fields.ts');
  const filter = createContentFilterCheck(FILTER.litellm_params);
  const once = (body) => {
    const stripped = withoutGuardrailFields(body);
    const verdict = filter(collectRequestTexts('chat', stripped));
    return verdict.action === 'GUARDRAIL_INTERVENED' ? replaceRequestTexts('chat', stripped, verdict.texts) : stripped;
  };
  const bodies = {
    clean: JSON.parse(BODY),
    masked: { model: 'gpt', messages: [{ role: 'user', content: 'Mail me at jane@corp.example or call 555-123-4567 about 4111 1111 1111 1111.' }] },
  };
  for (const [name, body] of Object.entries(bodies)) {
    for (let index = 0; index < 20_000; index += 1) once(body);
    const runs = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const started = performance.now();
      for (let index = 0; index < 100_000; index += 1) once(body);
      runs.push(((performance.now() - started) * 1000) / 100_000);
    }
    process.stdout.write(`${name.padEnd(7)} ${median(runs).toFixed(2)} µs per request (median of ${ROUNDS})\n`);
  }
  process.exit(0);
}

await runGatewayAB({
  variants: { plain: {}, filtered: { guardrails: [FILTER] } },
  nextBody: () => BODY,
  rounds: ROUNDS,
  seconds: SECONDS,
  concurrency: CONCURRENCY,
});
