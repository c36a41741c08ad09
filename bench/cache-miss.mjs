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

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Agent, request } from 'undici';
import { startFakeOpenAIUpstream } from '@llmux/fake-upstreams';
import { createGateway, parseConfig } from '../packages/gateway/src/index.ts';
import { createLogger } from '../packages/gateway/src/logging/create-logger.ts';

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
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

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

const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);
// Each gateway's embedded store in a temp folder, never the working directory's .llmux.
const home = mkdtempSync(join(tmpdir(), 'llmux-bench-cache-'));
const upstream = await startFakeOpenAIUpstream({ reply: () => ({ content: 'Waves fold into light', usage: { promptTokens: 20, completionTokens: 5 } }) });
const start = async (name, cached) => {
  const document = {
    model_list: [{ model_name: 'gpt', litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${upstream.url}/v1`, api_key: 'sk-x' } }],
    ...(cached ? { litellm_settings: { cache: true, cache_params: { type: 'local' } } } : {}),
  };
  const env = { ...process.env, LLMUX_HOME: join(home, name) };
  const gateway = createGateway({ config: parseConfig(document, 'bench', env).config, logger: createLogger('error'), env });
  return { gateway, url: await gateway.listen(0, '127.0.0.1') };
};
const targets = { off: await start('off', false), miss: await start('miss', true) };
const agent = new Agent({ connections: CONCURRENCY });
let asked = 0;

async function round(url) {
  let done = 0;
  const until = performance.now() + SECONDS * 1000;
  const cpu = process.cpuUsage();
  const worker = async () => {
    while (performance.now() < until) {
      asked += 1;
      const body = JSON.stringify({
        model: 'gpt',
        messages: [
          { role: 'system', content: 'You are a helpful assistant.' },
          { role: 'user', content: `Write a haiku about the harbour at dawn, number ${asked}.` },
        ],
      });
      const response = await request(`${url}/v1/chat/completions`, { method: 'POST', body, headers: { 'content-type': 'application/json' }, dispatcher: agent });
      await response.body.text();
      if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
      if (url === targets.miss.url && response.headers['x-litellm-cache-key'] === undefined) throw new Error('the cached gateway did not look the call up');
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const used = process.cpuUsage(cpu);
  return { rps: done / SECONDS, cpuUsPerRequest: (used.user + used.system) / done };
}

const results = { off: [], miss: [] };
for (let index = 0; index < ROUNDS; index += 1) {
  for (const name of index % 2 === 0 ? ['off', 'miss'] : ['miss', 'off']) results[name].push(await round(targets[name].url));
}
for (const [name, list] of Object.entries(results)) {
  const label = name === 'off' ? 'cache off' : 'cache miss';
  process.stdout.write(
    `${label.padEnd(10)} ${median(list.map((one) => one.rps))
      .toFixed(0)
      .padStart(6)} req/s  ${median(list.map((one) => one.cpuUsPerRequest))
      .toFixed(1)
      .padStart(7)} CPU µs/request (median of ${ROUNDS})\n`,
  );
}
await Promise.all([targets.off.gateway.close(), targets.miss.gateway.close(), upstream.close(), agent.close()]);
rmSync(home, { recursive: true, force: true });
