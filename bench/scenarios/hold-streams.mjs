// Memory per open stream: on a freshly started target, hold N slow streams (one chunk a
// second from the upstream) open at once, read the target's RSS, release them, and check
// that the target stopped its upstream streams too (the upstream counts the slow streams it
// is still sending; idle pooled connections do not count).

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { countOpenFiles, readMemory } from '../lib/read-proc.mjs';
import { runClient } from '../lib/run-client.mjs';

const CLIENT = fileURLToPath(new URL('../clients/hold-streams.mjs', import.meta.url));

export async function measureHeldStreams(session, levels) {
  const { started, layout, upstream } = session;
  // Load the streaming code paths once, so the baseline is not mostly lazy compilation.
  await runClient('time-to-first-token', { port: started.port, ...session.request('stream'), count: 20, warmup: 20 }, layout.rigCore);
  await sleep(1_000);
  const baselineMiB = readMemory(started.proc.pid).rss;
  const results = [];
  for (const count of levels) {
    const held = await holdStreams(session, count);
    results.push(held);
    await sleep(3_000);
    held.upstreamStillStreaming = await upstreamSlowStreams(upstream.port);
    held.rssAfterReleaseMiB = readMemory(started.proc.pid).rss;
  }
  return {
    baselineMiB,
    levels: results.map((level) => ({ ...level, deltaMiB: level.rssMiB - baselineMiB, perThousandMiB: ((level.rssMiB - baselineMiB) / level.requested) * 1000 })),
  };
}

/** Slow streams the static upstream is still sending (its GET /stats). */
async function upstreamSlowStreams(port) {
  const response = await fetch(`http://127.0.0.1:${port}/stats`);
  const stats = await response.json();
  return stats.slow_streams;
}

async function holdStreams(session, count) {
  const { started, layout } = session;
  const spec = { port: started.port, ...session.request('slow'), count, batch: 250, batchGapMs: 100, deadlineMs: 45_000 };
  const child = spawn('taskset', ['-c', String(layout.rigCore), process.execPath, CLIENT, JSON.stringify(spec)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const exited = once(child, 'exit');
  let holding;
  for await (const line of lines) {
    if (line.startsWith('HOLDING ')) {
      holding = JSON.parse(line.slice('HOLDING '.length));
      break;
    }
  }
  if (holding === undefined) throw new Error('hold-streams client ended without holding');
  // Let the last first-tokens settle, then read memory while every stream is still open.
  await sleep(1_000);
  const { rss } = readMemory(started.proc.pid);
  const targetFiles = countOpenFiles(started.proc.pid);
  child.stdin.write('release\n');
  await exited;
  return { ...holding, rssMiB: rss, targetOpenFiles: targetFiles };
}
