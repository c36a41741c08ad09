// Streams one chat completion at a time over one keep-alive connection and times, for each,
// the first SSE byte after sending (time to first token) and the end of the stream.
// Runs as its own pinned process; prints one JSON line. Input: a JSON spec in argv[2]:
// { port, path, headers, body, count, warmup }.

import { Client } from 'undici';

const spec = JSON.parse(process.argv[2]);
const client = new Client(`http://127.0.0.1:${spec.port}`, { pipelining: 1, keepAliveTimeout: 60_000 });
const headers = { ...spec.headers, 'content-type': 'application/json', accept: 'text/event-stream' };

async function streamOnce() {
  const started = performance.now();
  const { statusCode, body } = await client.request({ path: spec.path, method: 'POST', headers, body: spec.body });
  let first;
  let text = '';
  for await (const chunk of body) {
    first ??= performance.now();
    text += chunk.toString();
  }
  const ended = performance.now();
  if (statusCode !== 200 || !text.includes('data: ')) throw new Error(`status ${statusCode}: ${text.slice(0, 200)}`);
  return { ttftUs: (first - started) * 1000, totalUs: (ended - started) * 1000 };
}

for (let i = 0; i < spec.warmup; i++) await streamOnce();
const ttft = [];
const total = [];
for (let i = 0; i < spec.count; i++) {
  const { ttftUs, totalUs } = await streamOnce();
  ttft.push(ttftUs);
  total.push(totalUs);
}
await client.close();
console.log(JSON.stringify({ count: spec.count, ttftUs: percentiles(ttft), totalUs: percentiles(total) }));

function percentiles(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: Math.round(sorted[sorted.length - 1]) };
}
