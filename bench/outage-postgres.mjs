#!/usr/bin/env node
// A PostgreSQL outage longer than the key cache's TTL, as issue 15 reran it: one gateway on a
// PostgreSQL of the bench's own (initdb on a free port; the machine's 5432 is never touched),
// a virtual key cached by one call, then the database stopped for --seconds (default 120) while
// that key calls once a second, and a key never seen calls beside it. Prints the statuses per
// key: the cached key must get only 200s (stale is better than down), the unknown key 503s with
// retry-after, and after the database returns both must get 200 again.
//
//   node --conditions=llmux-source --import tsx bench/outage-postgres.mjs [--seconds 120]

import { parseArgs } from 'node:util';
import OpenAI from 'openai';
import { chatAs, clientWithKey, startLimitsGateway } from '../packages/gateway/test/helpers/limits-gateway.ts';
import { startOwnPostgres } from '../packages/gateway/test/helpers/own-postgres.ts';

const { values: options } = parseArgs({ options: { seconds: { type: 'string', default: '120' } } });
const SECONDS = Number(options.seconds);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const tally = (statuses) =>
  Object.entries(statuses.reduce((counts, status) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {}))
    .map(([status, count]) => `${status}×${count}`)
    .join(' ');

const postgres = await startOwnPostgres();
if (typeof postgres === 'string') {
  console.error(`outage-postgres: ${postgres}`);
  process.exit(1);
}
// The default key-cache TTL (60 s) is used, so a two-minute outage outlives it twice.
const gateway = await startLimitsGateway({ settings: { general_settings: { database_url: postgres.url } } });
try {
  const cached = (await clientWithKey(gateway.url, { key_alias: 'cached' })).client;
  const unseen = (await clientWithKey(gateway.url, { key_alias: 'unseen' })).client;
  const bogus = new OpenAI({ apiKey: 'sk-never-issued-000', baseURL: `${gateway.url}/v1`, maxRetries: 0 });
  console.log(`before: cached key ${(await chatAs(cached, undefined)).status}`);
  await postgres.stop();
  const during = { cached: [], unseen: [], bogus: [] };
  const retryAfter = new Set();
  const started = Date.now();
  while (Date.now() - started < SECONDS * 1000) {
    const [a, b, c] = await Promise.all([chatAs(cached, undefined), chatAs(unseen, undefined), chatAs(bogus, undefined)]);
    during.cached.push(a.status);
    during.unseen.push(b.status);
    during.bogus.push(c.status);
    retryAfter.add(b.headers.get('retry-after'));
    await sleep(1000);
  }
  console.log(
    `database down ${SECONDS} s: cached key ${tally(during.cached)}; unseen key ${tally(during.unseen)} (retry-after ${[...retryAfter].join(',')}); never-issued key ${tally(during.bogus)}`,
  );
  await postgres.start();
  let after = [];
  for (let attempt = 0; attempt < 50; attempt += 1) {
    after = [(await chatAs(cached, undefined)).status, (await chatAs(unseen, undefined)).status, (await chatAs(bogus, undefined)).status];
    if (after[1] === 200) break;
    await sleep(200);
  }
  console.log(`after: cached ${after[0]}, unseen ${after[1]}, never-issued ${after[2]}`);
  const ok = during.cached.every((status) => status === 200) && during.unseen.every((status) => status === 503) && after[0] === 200 && after[1] === 200 && after[2] === 401;
  console.log(ok ? 'outage-postgres: PASS' : 'outage-postgres: FAIL');
  process.exitCode = ok ? 0 : 1;
} finally {
  await gateway.close();
  await postgres.dispose();
}
