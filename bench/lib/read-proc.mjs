// Reads what the kernel knows about a process: resident memory (VmRSS, VmHWM) from
// /proc/<pid>/status and its open file descriptors (one per socket, for stream counts).

import { readdirSync, readFileSync } from 'node:fs';

/** Resident memory in MiB: { rss, peak } (peak is VmHWM, the high-water mark). */
export function readMemory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return { rss: field(status, 'VmRSS') / 1024, peak: field(status, 'VmHWM') / 1024 };
}

function field(status, name) {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
  if (match === null) throw new Error(`no ${name} in /proc status`);
  return Number(match[1]);
}

export function countOpenFiles(pid) {
  return readdirSync(`/proc/${pid}/fd`).length;
}

/** Samples RSS every `intervalMs` until stop() is called; returns the samples' maximum. */
export function sampleMemory(pid, intervalMs = 250) {
  let max = 0;
  const take = () => {
    try {
      max = Math.max(max, readMemory(pid).rss);
    } catch {
      // The process ended; the samples so far stand.
    }
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return max;
    },
  };
}
