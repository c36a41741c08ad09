// Does a stream the caller abandons stop upstream? Starts the static upstream, opens one
// slow stream through the SDK's HttpClient (the gateway's only way out), reads the first
// chunk, aborts the signal and destroys the body (what the gateway does when a client hangs
// up), and counts the upstream's sockets a second later. Prints one verdict line; exits 1
// when the upstream connection is still open (the upstream keeps generating tokens).
// Usage: node bench/checks/upstream-cancel.mjs   (after node bench/run.mjs has built things)

import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { HttpClient } from '../../packages/sdk/dist/index.js';
import { freePort } from '../lib/free-port.mjs';
import { startPinned, stopProcess, waitForPort } from '../lib/processes.mjs';

const bin = fileURLToPath(new URL('../build/static-upstream', import.meta.url));
const port = await freePort();
const upstream = startPinned({ name: 'static upstream', core: '0,1', command: bin, args: [String(port), '20', '1000', '30'] });
await waitForPort(port, upstream);
const sockets = () => readdirSync(`/proc/${upstream.pid}/fd`).length;
const before = sockets();

const client = new HttpClient();
const abort = new AbortController();
const response = await client.send({
  url: `http://127.0.0.1:${port}/slow/v1/chat/completions`,
  headers: { 'content-type': 'application/json' },
  body: '{"model":"gpt-4o-mini","messages":[],"stream":true}',
  signal: abort.signal,
  provider: 'openai',
  model: 'gpt-4o-mini',
});
for await (const _chunk of response.body) break;
abort.abort();
response.body.destroy();
await sleep(1_000);
const open = sockets() - before;
console.log(open > 0 ? `upstream connection still open 1 s after the abort (${open} socket): the upstream keeps streaming` : 'upstream connection closed on abort');
// Not awaited: a pool still draining the abandoned stream would hold close() open.
client.close().catch(() => undefined);
await stopProcess(upstream);
process.exit(open > 0 ? 1 : 0);
