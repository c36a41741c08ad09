#!/usr/bin/env node
// What an enabled response cache costs a request it cannot answer, on the chat path: two
// gateways from source over one fake OpenAI upstream, one without a cache and one with
// `cache: true` (type local), sent the same stream of chat bodies, each with a question never
// asked before (a counter in the text), so every call in the cached gateway is a miss that
// hashes its key, looks it up and stores the reply. Alternating rounds at a fixed
// concurrency; requests/s and the process's CPU µs per request for each. Client and upstream
// are the same in both, so the difference is the cache; compare the columns of one run only.
// `--scan` instead times the local-semantic index: the nearest of N stored unit vectors.
//   node --conditions=llmux-source --import tsx bench/cache-miss.mjs [--rounds 6] [--seconds 3] [--concurrency 16]
//   node --conditions=llmux-source --import tsx bench/cache-miss.mjs --scan [--entries 10000] [--dimensions 1536]

import { parseArgs } from 'node:util';
import { median, runGatewayAB } from './lib/ab-gateways.mjs';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '6' },
    seconds: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '16' },
    scan: { type: 'boolean', default: false },
    entries: { type: 'string', default: '10000' },
    dimensions: { type: 'string', default: '1536' },
  },
});
const ROUNDS = Number(values.rounds);

if (values.scan) {
  const { createLocalSemanticIndex } = await import('../packages/gateway/src/cache/create-local-semantic-index.ts');
  const { normalizeVector } = await import('../packages/gateway/src/cache/semantic-index.ts');
  const entries = Number(values.entries);
  const dimensions = Number(values.dimensions);
  const randomVector = () => normalizeVector(Array.from({ length: dimensions }, () => Math.random() - 0.5));
  const index = createLocalSemanticIndex(entries);
  for (let entry = 0; entry < entries; entry += 1) await index.add('partition', `key-${entry}`, randomVector(), undefined);
  // Half the queries are near a stored vector (cosine about 0.9), as a hit is; the scan must find it.
  const stored = [];
  for (let entry = 0; entry < 10; entry += 1) {
    const base = randomVector();
    await index.add('partition', `near-${entry}`, base, undefined);
    stored.push(base);
  }
  const nudge = (base) => normalizeVector(Array.from(base, (value) => value + (Math.random() - 0.5) * 0.043));
  const queries = [...stored.map(nudge), ...Array.from({ length: 10 }, randomVector)];
  for (const query of queries.slice(0, 5)) await index.nearest('partition', query);
  const runs = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = performance.now();
    for (const query of queries) await index.nearest('partition', query);
    runs.push((performance.now() - started) / queries.length);
  }
  let found = 0;
  for (let entry = 0; entry < 10; entry += 1) if ((await index.nearest('partition', queries[entry]))?.key === `near-${entry}`) found += 1;
  process.stdout.write(
    `near queries whose stored neighbour was found: ${found} of 10 (cosine ${queries
      .slice(0, 10)
      .map((query, entry) => query.reduce((sum, value, at) => sum + value * stored[entry][at], 0).toFixed(3))
      .join(', ')})\n`,
  );
  process.stdout.write(`nearest of ${entries} vectors × ${dimensions} dimensions: ${median(runs).toFixed(2)} ms per lookup (median of ${ROUNDS} rounds of ${queries.length})\n`);
  process.exit(0);
}

let asked = 0;
await runGatewayAB({
  variants: { 'cache off': {}, 'cache miss': { litellm_settings: { cache: true, cache_params: { type: 'local' } } } },
  // A question never asked before each time, so every call in the cached gateway is a miss.
  nextBody: () => {
    asked += 1;
    return JSON.stringify({
      model: 'gpt',
      messages: [
        { role: 'system', content: 'You are a helpful assistant.' },
        { role: 'user', content: `Write a haiku about the harbour at dawn, number ${asked}.` },
      ],
    });
  },
  check: (label, response) => {
    if (label === 'cache miss' && response.headers['x-litellm-cache-key'] === undefined) throw new Error('the cached gateway did not look the call up');
  },
  rounds: ROUNDS,
  seconds: Number(values.seconds),
  concurrency: Number(values.concurrency),
});
