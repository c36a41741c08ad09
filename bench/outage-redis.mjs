#!/usr/bin/env node
// Added latency while Redis is down (issue 15, finding 5). One gateway over a fake upstream,
// a virtual key with rpm/tpm limits (so every call reads and writes the counters), one
// connection sending calls one after another; p50/p99 per phase:
//   memory   no Redis configured (the floor: counters in process memory)
//   up       counters in a Redis of the bench's own (redis-server on a free port)
//   killed   that Redis killed (connection refused): breaker open, counters local
//   frozen   that Redis SIGSTOPped (connection open, no answers): the same, after one timeout
//   back     Redis restarted: local counts added back, counters shared again
// The machine's Redis (6379) is never touched.
//
//   node --conditions=llmux-source --import tsx bench/outage-redis.mjs [--calls 2000]

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Agent, request } from 'undici';
import { startFakeOpenAIUpstream } from '@llmux/fake-upstreams';
import { createGateway, parseConfig } from '../packages/gateway/src/index.ts';
import { createLogger } from '../packages/gateway/src/logging/create-logger.ts';

const { values: options } = parseArgs({ options: { calls: { type: 'string', default: '2000' } } });
const CALLS = Number(options.calls);
const MASTER_KEY = 'sk-bench-master';

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function waitForPong(port) {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    const ok = await new Promise((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' });
      socket.once('error', () => resolve(false));
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.once('data', (data) => (socket.destroy(), resolve(data.toString().startsWith('+PONG'))));
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('redis-server did not start');
}

function startRedis(port) {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  return waitForPong(port).then(() => child);
}

async function startGateway(upstream, redisUrl) {
  const home = mkdtempSync(join(tmpdir(), 'llmux-bench-outage-'));
  const env = { ...process.env, REDIS_URL: redisUrl ?? '', LLMUX_HOME: home };
  const document = {
    model_list: [{ model_name: 'gpt-bench', litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${upstream.url}/v1`, api_key: 'sk-upstream' } }],
    general_settings: { master_key: MASTER_KEY },
  };
  const { config } = parseConfig(document, 'bench', env);
  const gateway = createGateway({ config, env, logger: createLogger('fatal') });
  const url = await gateway.listen(0, '127.0.0.1');
  const generated = await fetch(`${url}/key/generate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ rpm_limit: 10_000_000, tpm_limit: 1_000_000_000 }),
  }).then((response) => response.json());
  return { gateway, url, key: generated.key, close: async () => (await gateway.close(), rmSync(home, { recursive: true, force: true })) };
}

const dispatcher = new Agent({ connections: 1 });
const body = JSON.stringify({ model: 'gpt-bench', messages: [{ role: 'user', content: 'hi' }] });

async function phase(name, target, calls = CALLS) {
  const times = [];
  const statuses = new Map();
  const started = performance.now();
  for (let call = 0; call < calls; call += 1) {
    const at = performance.now();
    const response = await request(`${target.url}/v1/chat/completions`, {
      method: 'POST',
      dispatcher,
      headers: { authorization: `Bearer ${target.key}`, 'content-type': 'application/json' },
      body,
    });
    await response.body.arrayBuffer();
    times.push(performance.now() - at);
    statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
  }
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(2);
  const row = {
    phase: name,
    calls,
    p50_ms: at(0.5),
    p99_ms: at(0.99),
    max_ms: times.at(-1).toFixed(1),
    per_second: Math.round(calls / seconds),
    statuses: JSON.stringify(Object.fromEntries(statuses)),
  };
  console.log(JSON.stringify(row));
  return row;
}

const readiness = async (target) => (await (await fetch(`${target.url}/health/readiness`)).json()).redis;
async function waitFor(target, state) {
  for (let attempt = 0; attempt < 300 && (await readiness(target)) !== state; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 50));
}

const upstream = await startFakeOpenAIUpstream({ reply: () => ({ content: 'ok', usage: { promptTokens: 5, completionTokens: 2 } }) });
const memory = await startGateway(upstream, undefined);
await phase('warmup', memory, Math.min(CALLS, 1000));
await phase('memory', memory);
await memory.close();

const port = await freePort();
let redis = await startRedis(port);
const target = await startGateway(upstream, `redis://127.0.0.1:${port}`);
await waitFor(target, 'connected');
await phase('warmup', target, Math.min(CALLS, 1000));
await phase('up', target);

redis.kill('SIGKILL');
await new Promise((resolve) => redis.once('exit', resolve));
await phase('killed', target);

redis = await startRedis(port);
await waitFor(target, 'connected');
redis.kill('SIGSTOP');
await phase('frozen', target);
redis.kill('SIGCONT');
await waitFor(target, 'connected');
await phase('back', target);

await target.close();
redis.kill('SIGKILL');
await upstream.close();
await dispatcher.close();
