// Reads a V8 .cpuprofile and answers "where does the time go": self time per area (undici,
// JSON, pino, zod, node:http, our gateway and SDK, GC...), the top functions by self time,
// and the inclusive time of our own functions (what a call costs with everything it calls).

import { readFileSync } from 'node:fs';

const AREAS = [
  [(url) => url.includes('/node_modules/undici/'), 'undici'],
  [
    (url) =>
      /\/node_modules\/(pino|sonic-boom|thread-stream|pino-std-serializers|quick-format-unescaped|fast-redact|safe-stable-stringify|on-exit-leak-free|atomic-sleep)\//.test(url),
    'pino (logging)',
  ],
  [(url) => url.includes('/node_modules/zod/'), 'zod (validation)'],
  [(url) => url.includes('/node_modules/eventsource-parser/'), 'eventsource-parser (SSE)'],
  [(url) => url.includes('/node_modules/prom-client/'), 'prom-client (metrics)'],
  [(url) => url.includes('/packages/gateway/'), 'llmux gateway'],
  [(url) => url.includes('/packages/sdk/'), 'llmux SDK'],
  [(url) => /^node:(_http|http)/.test(url), 'node:http'],
  [(url) => /^node:(net|stream|internal\/streams|internal\/stream_base)/.test(url), 'node net/streams'],
  [(url) => url.startsWith('node:'), 'node (other internals)'],
  [(url) => url.includes('/node_modules/'), 'other packages'],
];

export function areaOf(frame) {
  const { functionName, url } = frame;
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(program)') return 'V8 / native (unattributed)';
  if (url === '' && /^(parse|stringify|JSONParse|JSONStringify)$/.test(functionName)) return 'JSON (parse/stringify)';
  for (const [test, area] of AREAS) if (test(url)) return area;
  return url === '' ? 'V8 builtins / native bindings' : 'other';
}

/** `skipUs`: leave out the first microseconds of the profile (startup and warm-up). */
export function summarizeCpuProfile(file, { top = 25, skipUs = 0 } = {}) {
  const profile = dropStart(JSON.parse(readFileSync(file, 'utf8')), skipUs);
  const nodes = new Map(profile.nodes.map((node) => [node.id, { ...node, selfUs: 0 }]));
  const average = (profile.endTime - profile.startTime) / Math.max(1, profile.samples.length);
  profile.samples.forEach((id, index) => {
    nodes.get(id).selfUs += profile.timeDeltas[index + 1] ?? average;
  });

  const byArea = new Map();
  const byFunction = new Map();
  let busyUs = 0;
  for (const node of nodes.values()) {
    const area = areaOf(node.callFrame);
    if (area === 'idle') continue;
    busyUs += node.selfUs;
    byArea.set(area, (byArea.get(area) ?? 0) + node.selfUs);
    const key = functionKey(node.callFrame);
    const entry = byFunction.get(key) ?? { name: key, area, selfUs: 0 };
    entry.selfUs += node.selfUs;
    byFunction.set(key, entry);
  }

  const share = (us) => Math.round((us / busyUs) * 1000) / 10;
  return {
    busySeconds: Math.round(busyUs / 1e4) / 100,
    areas: [...byArea].map(([area, us]) => ({ area, percent: share(us) })).sort((a, b) => b.percent - a.percent),
    topSelf: [...byFunction.values()]
      .sort((a, b) => b.selfUs - a.selfUs)
      .slice(0, top)
      .map((f) => ({ name: f.name, area: f.area, percent: share(f.selfUs) })),
    ourInclusive: inclusiveOfOurs(nodes, profile, share).slice(0, top),
  };
}

function functionKey(frame) {
  const name = frame.functionName || '(anonymous)';
  if (frame.url === '') return name;
  const short = frame.url
    .replace(/^.*\/node_modules\//, '')
    .replace(/^.*\/packages\//, '')
    .replace(/^file:\/\//, '');
  return `${name} ${short}:${frame.lineNumber + 1}`;
}

/** Inclusive time of each gateway/SDK function, counted once per stack even if recursive. */
function inclusiveOfOurs(nodes, profile, share) {
  const parent = new Map();
  for (const node of nodes.values()) for (const child of node.children ?? []) parent.set(child, node.id);
  const totals = new Map();
  const average = (profile.endTime - profile.startTime) / Math.max(1, profile.samples.length);
  profile.samples.forEach((id, index) => {
    const us = profile.timeDeltas[index + 1] ?? average;
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const frame = nodes.get(at).callFrame;
      if (!/\/packages\/(gateway|sdk)\//.test(frame.url)) continue;
      const key = functionKey(frame);
      if (seen.has(key)) continue;
      seen.add(key);
      totals.set(key, (totals.get(key) ?? 0) + us);
    }
  });
  return [...totals].map(([name, us]) => ({ name, percent: share(us) })).sort((a, b) => b.percent - a.percent);
}

function dropStart(profile, skipUs) {
  let elapsed = 0;
  let first = 0;
  while (first < profile.samples.length && elapsed < skipUs) elapsed += profile.timeDeltas[first++];
  return { ...profile, startTime: profile.startTime + elapsed, samples: profile.samples.slice(first), timeDeltas: profile.timeDeltas.slice(first) };
}
