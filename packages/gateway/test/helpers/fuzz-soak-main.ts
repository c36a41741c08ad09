// The long fuzz soak (bench/fuzz-soak.mjs starts this under tsx): one gateway, many rounds
// of the fuzz suite's requests with successive seeds, RSS after each round so a leak shows
// as a trend. Exits 1 on any 5xx, dropped connection or hang.

import { parseArgs } from 'node:util';
import { runFuzz } from './fuzz-engine.js';
import { FUZZ_BODY_LIMIT_MB, FUZZ_MASTER_KEY, startFuzzGateway } from './fuzz-gateway.js';

const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'sqlite' },
    rounds: { type: 'string', default: '10' },
    requests: { type: 'string', default: '20000' },
    seed: { type: 'string', default: String(0x15f6) },
    concurrency: { type: 'string', default: '32' },
  },
});
const backend = values.backend === 'postgres' ? 'postgres' : 'sqlite';
const MiB = 1024 * 1024;

const gateway = await startFuzzGateway(backend);
if (typeof gateway === 'string') {
  console.error(`cannot start: ${gateway}`);
  process.exit(2);
}
let failures = 0;
const startRss = process.memoryUsage().rss;
console.log(`fuzz soak on ${backend}: ${values.rounds} rounds of ${values.requests} requests; RSS at start ${(startRss / MiB).toFixed(0)} MiB`);
for (let round = 0; round < Number(values.rounds); round += 1) {
  const seed = Number(values.seed) + round;
  const report = await runFuzz({
    url: gateway.url,
    masterKey: FUZZ_MASTER_KEY,
    virtualKey: gateway.virtualKey,
    fixture: gateway.fixture,
    requests: Number(values.requests),
    seed,
    concurrency: Number(values.concurrency),
    modelBodyLimitBytes: FUZZ_BODY_LIMIT_MB * MiB,
  });
  const bad = [...report.serverErrors, ...report.networkErrors, ...report.hangs];
  failures += bad.length;
  const rate = (report.requests / (report.elapsedMs / 1000)).toFixed(0);
  console.log(
    `round ${round + 1} seed ${seed}: ${report.requests} in ${(report.elapsedMs / 1000).toFixed(1)} s (${rate}/s), 5xx ${report.serverErrors.length}, ` +
      `dropped ${report.networkErrors.length}, hangs ${report.hangs.length}, peak RSS ${(report.peakRssBytes / MiB).toFixed(0)} MiB, ` +
      `RSS now ${(process.memoryUsage().rss / MiB).toFixed(0)} MiB; ${JSON.stringify(report.statuses)}`,
  );
  for (const sample of bad.slice(0, 5)) console.log(`  ${JSON.stringify(sample)}`);
}
await gateway.close();
console.log(failures === 0 ? 'no 5xx, no dropped connections, no hangs' : `${failures} failures`);
process.exit(failures === 0 ? 0 : 1);
