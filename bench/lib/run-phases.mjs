// The order of a run. Phase 1 starts every target side by side and measures them in
// interleaved rounds (so a noisy minute hurts all alike); phases 2 and 3 give each target a
// fresh process, so one scenario's heap is never the next one's baseline.

import { setTimeout as sleep } from 'node:timers/promises';
import { measureHeldStreams } from '../scenarios/hold-streams.mjs';
import { measureLoad } from '../scenarios/measure-load.mjs';
import { measureTimeToFirstToken } from '../scenarios/measure-ttft.mjs';
import { soak } from '../scenarios/soak.mjs';
import { openSession } from './open-session.mjs';
import { readMemory } from './read-proc.mjs';

export async function runPhases(targets, context, results, save) {
  const { options, log, streamLevels } = context;
  const sessions = [];
  try {
    for (const target of targets) {
      const session = await openSession(target, context);
      sessions.push(session);
      await sleep(1_000);
      results.targets[target.id] = {
        id: target.id,
        label: target.label,
        features: session.started.features,
        streamError: session.streamError,
        idleRssMiB: readMemory(session.started.proc.pid).rss,
      };
      if (session.streamError) log(`${target.label}: streaming fails, skipping its stream scenarios: ${session.streamError}`);
    }
    log('phase 1: request/response load, interleaved rounds');
    const load = await measureLoad(sessions, { options, log });
    for (const session of sessions) results.targets[session.id].load = load.get(session);
    save();
    log('phase 1: time to first token');
    const streaming = sessions.filter((session) => session.streamError === undefined);
    const ttft = await measureTimeToFirstToken(streaming, { options });
    for (const session of streaming) results.targets[session.id].ttft = ttft.get(session);
    save();
  } finally {
    for (const session of sessions) await session.close();
  }

  // The direct upstream is C: its memory is not what this report is about.
  for (const target of targets.filter((candidate) => candidate.id !== 'direct')) {
    const entry = results.targets[target.id];
    if (entry.streamError === undefined) {
      log(`phase 2: ${target.label}: holding ${streamLevels.join(' and ')} slow streams`);
      entry.streams = await withSession(target, context, (session) => measureHeldStreams(session, streamLevels));
      save();
    }
    log(`phase 3: ${target.label}: memory soak (up to ${options.soakRequests.toLocaleString('en-US')} requests or ${options.soakMaxS} s)`);
    entry.soak = await withSession(target, context, soak);
    save();
  }
}

async function withSession(target, context, fn) {
  const session = await openSession(target, context);
  try {
    return await fn(session);
  } finally {
    await session.close();
  }
}
