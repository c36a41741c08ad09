// Wraps one measurement: wait for a quiet machine, run it, attach the CPU that other
// processes used meanwhile (percent of one core) and whether we had to give up waiting.

import { waitForQuiet, watchForeignCpu } from './machine-load.mjs';

// 20 s at most: rounds are repeated and the best kept, so waiting longer buys little.
export async function measureQuietly(ownPids, measure, options = { maxWaitMs: 20_000 }) {
  const quiet = await waitForQuiet(ownPids, options);
  const window = watchForeignCpu(ownPids);
  const result = await measure();
  return { ...result, foreignCpuPercent: window.end(), quietWaitMs: quiet.waitedMs, noisy: quiet.gaveUp };
}
