// What the numbers were measured on: they mean little without the machine beside them.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export function machineInfo() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? 'unknown';
  const limits = readFileSync('/proc/self/limits', 'utf8');
  const nofile = /^Max open files\s+(\d+)\s+(\d+)/m.exec(limits);
  return {
    // os.cpus(), not availableParallelism(): the runner has pinned itself to one core.
    nproc: os.cpus().length,
    cpuModel: model,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    kernel: os.release(),
    node: process.version,
    // `wrk --version` exits 1 after printing; only its first line matters.
    wrk: spawnSync('wrk', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0].trim(),
    openFilesLimit: nofile === null ? undefined : Number(nofile[2]),
    loadAverageAtStart: os.loadavg().map((value) => Math.round(value * 100) / 100),
  };
}
