// Opens many slow streams at once through a proxy and holds them open, so the runner can
// read the proxy's memory per open stream. Raw sockets (one per stream, Connection: close)
// keep this client light. Ramps up in batches so no listen backlog overflows, waits until
// every stream has its first token (or a deadline), prints `HOLDING {json}`, then keeps
// the streams open until a line arrives on stdin, closes them all and prints `RELEASED`.
// Input: a JSON spec in argv[2]: { port, path, headers, body, count, batch, batchGapMs, deadlineMs }.

import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const spec = JSON.parse(process.argv[2]);
const headerLines = Object.entries(spec.headers)
  .map(([name, value]) => `${name}: ${value}\r\n`)
  .join('');
const requestText =
  `POST ${spec.path} HTTP/1.1\r\nhost: 127.0.0.1:${spec.port}\r\ncontent-type: application/json\r\naccept: text/event-stream\r\n` +
  `connection: close\r\n${headerLines}content-length: ${Buffer.byteLength(spec.body)}\r\n\r\n${spec.body}`;

const sockets = [];
const ttft = [];
let errors = 0;
let badStatus = 0;
let firstError;

function open() {
  const started = performance.now();
  const socket = net.connect({ host: '127.0.0.1', port: spec.port });
  let seen = '';
  let gotFirst = false;
  socket.setNoDelay(true);
  socket.on('connect', () => socket.write(requestText));
  socket.on('data', (chunk) => {
    if (gotFirst) return;
    seen += chunk.toString('latin1');
    if (!seen.startsWith('HTTP/1.1 200')) {
      if (seen.includes('\r\n')) {
        gotFirst = true;
        badStatus++;
        firstError ??= seen.slice(0, 300);
      }
      return;
    }
    if (seen.includes('data: ')) {
      gotFirst = true;
      ttft.push(performance.now() - started);
    }
  });
  socket.on('error', (error) => {
    errors++;
    firstError ??= error.message;
  });
  sockets.push(socket);
}

const rampStarted = performance.now();
for (let opened = 0; opened < spec.count;) {
  const n = Math.min(spec.batch, spec.count - opened);
  for (let i = 0; i < n; i++) open();
  opened += n;
  await sleep(spec.batchGapMs);
}
const rampMs = performance.now() - rampStarted;
// Wait for every stream's first token, but stop early once none has arrived for 10 s: a
// proxy that queues streams behind a connection cap would otherwise hold us to the deadline.
const deadline = performance.now() + spec.deadlineMs;
let settled = -1;
let lastProgress = performance.now();
while (ttft.length + badStatus + errors < spec.count && performance.now() < deadline && performance.now() - lastProgress < 10_000) {
  const now = ttft.length + badStatus + errors;
  if (now !== settled) {
    settled = now;
    lastProgress = performance.now();
  }
  await sleep(100);
}

const sorted = [...ttft].sort((a, b) => a - b);
const at = (q) => (sorted.length === 0 ? null : Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]));
console.log(
  `HOLDING ${JSON.stringify({
    requested: spec.count,
    firstToken: ttft.length,
    badStatus,
    errors,
    firstError,
    rampMs: Math.round(rampMs),
    ttftMs: { p50: at(0.5), p99: at(0.99), max: at(1) },
  })}`,
);

process.stdin.once('data', async () => {
  for (const socket of sockets) socket.destroy();
  console.log('RELEASED');
  await sleep(100);
  process.exit(0);
});
