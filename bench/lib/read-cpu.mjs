// CPU time of a process over all its threads (the event loop, libuv's pool, V8's GC helpers,
// a spend worker), from /proc/<pid>/stat: utime + stime, in microseconds.

import { readFileSync } from 'node:fs';

const MICROSECONDS_PER_TICK = 1e6 / 100; // USER_HZ is 100 on every Linux build we run on

export function readCpuMicros(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command.
  return (Number(fields[11]) + Number(fields[12])) * MICROSECONDS_PER_TICK;
}
