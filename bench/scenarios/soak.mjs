// Memory over a long run: wrk at 50 connections in short segments, RSS read after each,
// until the request count (or the wall-clock cap) is reached. Growth is measured from the
// point where 10% of the requests are done, so JIT warm-up and pool fill do not count.

import { readMemory } from '../lib/read-proc.mjs';
import { runWrk } from '../lib/run-wrk.mjs';

export async function soak(session) {
  const { started, layout, options } = session;
  const request = session.request('json');
  const samples = [{ requests: 0, rssMiB: readMemory(started.proc.pid).rss }];
  const startedAt = Date.now();
  let requests = 0;
  let errors = 0;
  while (requests < options.soakRequests && Date.now() - startedAt < options.soakMaxS * 1000) {
    const segment = await runWrk({ port: started.port, request, connections: 50, durationS: options.soakSegmentS, core: layout.rigCore });
    requests += segment.requests;
    errors += segment.errors;
    samples.push({ requests, rssMiB: readMemory(started.proc.pid).rss });
  }
  const reference = samples.find((sample) => sample.requests >= requests * 0.1 && sample.requests > 0) ?? samples[1];
  const last = samples[samples.length - 1];
  return {
    requests,
    errors,
    seconds: Math.round((Date.now() - startedAt) / 1000),
    referenceRssMiB: reference.rssMiB,
    finalRssMiB: last.rssMiB,
    maxRssMiB: Math.max(...samples.map((sample) => sample.rssMiB)),
    growthPercent: ((last.rssMiB - reference.rssMiB) / reference.rssMiB) * 100,
    samples,
  };
}
