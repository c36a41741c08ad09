// The fuzz suite (issue 15, finding 6): 20,000 seeded hostile requests over every public
// route, with the master key, a virtual key, no key and bogus keys, against the embedded
// SQLite store; then 3,000 against a fresh PostgreSQL database (NUL bytes only break
// PostgreSQL). Every answer is 2xx or 4xx, the gateway stays up, and RSS stays bounded.
// Replay a failure with its seed and index (printed); bench/fuzz-soak.mjs runs longer.

import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runFuzz, type FuzzReport } from './helpers/fuzz-engine.js';
import { FUZZ_BODY_LIMIT_MB, FUZZ_MASTER_KEY, startFuzzGateway, type FuzzGateway } from './helpers/fuzz-gateway.js';

const SEED = 0x15f6;
const MiB = 1024 * 1024;
/** Peak RSS growth allowed over a run: bodies up to 4 MiB, 32 at a time, plus the store. */
const RSS_GROWTH_BOUND_MIB = 400;

function describeFailures(report: FuzzReport, gateway: FuzzGateway): string {
  const lines = [...report.serverErrors, ...report.networkErrors, ...report.hangs].slice(0, 8).map((sample) => JSON.stringify(sample));
  return [`statuses ${JSON.stringify(report.statuses)}`, ...lines, ...gateway.errorLines.slice(0, 3)].join('\n');
}

async function holdsUp(backend: 'sqlite' | 'postgres', requests: number, t: { skip(reason: string): void }): Promise<void> {
  const gateway = await startFuzzGateway(backend);
  if (typeof gateway === 'string') {
    t.skip(`PostgreSQL not reachable: ${gateway}`);
    return;
  }
  try {
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const report = await runFuzz({
      url: gateway.url,
      masterKey: FUZZ_MASTER_KEY,
      virtualKey: gateway.virtualKey,
      fixture: gateway.fixture,
      requests,
      seed: SEED,
      concurrency: 32,
      modelBodyLimitBytes: FUZZ_BODY_LIMIT_MB * MiB,
    });
    const growthMib = (report.peakRssBytes - rssBefore) / MiB;
    console.log(
      `fuzz ${backend}: ${report.requests} requests over ${report.routes} routes in ${(report.elapsedMs / 1000).toFixed(1)} s; ` +
        `statuses ${JSON.stringify(report.statuses)}; RSS ${(rssBefore / MiB).toFixed(0)} MiB before, peak ${(report.peakRssBytes / MiB).toFixed(0)} MiB (+${growthMib.toFixed(0)} MiB)`,
    );
    assert.equal(report.requests, requests);
    assert.equal(report.serverErrors.length, 0, `5xx answers (seed ${SEED}):\n${describeFailures(report, gateway)}`);
    assert.equal(report.hangs.length, 0, `unanswered requests (seed ${SEED}):\n${describeFailures(report, gateway)}`);
    assert.equal(report.networkErrors.length, 0, `dropped connections (seed ${SEED}):\n${describeFailures(report, gateway)}`);
    // The mix is real: plenty of calls succeed, plenty are refused.
    const count = (low: number): number => Object.entries(report.statuses).reduce((sum, [status, n]) => (Number(status) >= low && Number(status) < low + 100 ? sum + n : sum), 0);
    assert.ok(count(200) > requests * 0.15, `2xx share too small: ${JSON.stringify(report.statuses)}`);
    assert.ok(count(400) > requests * 0.3, `4xx share too small: ${JSON.stringify(report.statuses)}`);
    assert.ok(growthMib < RSS_GROWTH_BOUND_MIB, `RSS grew by ${growthMib.toFixed(0)} MiB`);
    // Still alive and still serving: liveness, then a real call with the virtual key.
    const live = await fetch(`${gateway.url}/health/liveliness`);
    assert.equal(live.status, 200);
    const chat = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gateway.virtualKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-a', messages: [{ role: 'user', content: 'still there?' }] }),
    });
    assert.equal(chat.status, 200, await chat.text());
  } finally {
    await gateway.close();
  }
}

describe('fuzz: hostile requests over every public route', () => {
  it(`SQLite: 20,000 requests, 0 answered 5xx, RSS grows < ${RSS_GROWTH_BOUND_MIB} MiB`, { timeout: 180_000 }, async (t) => {
    await holdsUp('sqlite', 20_000, t);
  });

  it(`PostgreSQL: 3,000 requests, 0 answered 5xx, RSS grows < ${RSS_GROWTH_BOUND_MIB} MiB`, { timeout: 120_000 }, async (t) => {
    await holdsUp('postgres', 3_000, t);
  });
});
