// This machine is shared with other work (builds, test suites), and two cores leave no room
// for a neighbour. So every measurement first waits for the machine to be quiet, and then
// records how much CPU went to processes that are not part of the benchmark ("foreign"),
// so a noisy number can be told from a slow gateway.

import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux build we run on

function totalBusyTicks() {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return { busy: user + nice + system + irq + softirq + steal, idle: idle + iowait };
}

/** CPU ticks of a process and, for the runner, of the children it has already reaped. */
function processTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime, stime, cutime, cstime are fields 14-17 of stat, 12-15 after the command.
    return Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  } catch {
    return 0;
  }
}

/** Starts a window; end() returns the foreign CPU in percent of one core. */
export function watchForeignCpu(ownPids) {
  const pids = [process.pid, ...ownPids];
  const startTotal = totalBusyTicks();
  const startOwn = pids.map(processTicks);
  const startedAt = performance.now();
  return {
    end() {
      const total = totalBusyTicks();
      const own = pids.map(processTicks).reduce((sum, ticks, index) => sum + Math.max(0, ticks - startOwn[index]), 0);
      const seconds = (performance.now() - startedAt) / 1000;
      const foreign = Math.max(0, total.busy - startTotal.busy - own);
      return Math.round((foreign / TICKS_PER_SECOND / seconds) * 100);
    },
  };
}

/**
 * Waits (up to maxWaitMs) until other processes use less than `thresholdPercent` of one
 * core over a one-second window. Returns how long it waited and whether it gave up.
 */
export async function waitForQuiet(ownPids, { thresholdPercent = 15, maxWaitMs = 90_000 } = {}) {
  const started = Date.now();
  for (;;) {
    const window = watchForeignCpu(ownPids);
    await sleep(1_000);
    const foreign = window.end();
    if (foreign < thresholdPercent) return { waitedMs: Date.now() - started, gaveUp: false, foreign };
    if (Date.now() - started > maxWaitMs) return { waitedMs: Date.now() - started, gaveUp: true, foreign };
  }
}
