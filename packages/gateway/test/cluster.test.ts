// `llmux --num_workers 2` as a child process: two workers share one port and, with Redis,
// one set of limits (a key with rpm_limit 2 gets 429 on its third call, whichever workers
// answer); without Redis the primary warns that limits are per worker. SIGTERM stops all.

import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startFakeOpenAIUpstream, type FakeServer } from '@llmux/fake-upstreams';
import { httpRequest } from './helpers/http-request.js';
import { redisAvailable, TEST_REDIS_URL } from './helpers/redis-available.js';

const ENTRY = fileURLToPath(new URL('../src/cli-entry.ts', import.meta.url));
const MASTER = 'sk-cluster-master';
const reachable = await redisAvailable();

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function startCluster(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--conditions=llmux-source', '--import', 'tsx', ENTRY, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function waitFor(read: () => string, pattern: RegExp, count: number, child: ChildProcess): Promise<void> {
  // Three processes each load the gateway from source through tsx: on a loaded 2-core
  // machine that alone has taken 40 s.
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if ((read().match(pattern) ?? []).length >= count) return;
    if (child.exitCode !== null) throw new Error(`llmux exited early: ${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${pattern}: ${read()}`);
}

function call(url: string, key: string, body: unknown): Promise<{ status: number; json: unknown }> {
  // A new connection per call, so the primary spreads them over the workers.
  return httpRequest(url, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', connection: 'close' }, body: JSON.stringify(body) });
}

describe('llmux --num_workers', () => {
  let upstream: FakeServer;
  let home: string;
  let configFile: string;

  before(async () => {
    upstream = await startFakeOpenAIUpstream({ reply: () => ({ content: 'from a worker', usage: { promptTokens: 3, completionTokens: 2 } }) });
    home = await mkdtemp(join(tmpdir(), 'llmux-cluster-'));
    configFile = join(home, 'config.yaml');
    await writeFile(
      configFile,
      `model_list:\n  - model_name: gpt-test\n    litellm_params:\n      model: openai/gpt-4o-mini\n      api_base: ${upstream.url}/v1\n      api_key: sk-upstream\ngeneral_settings:\n  master_key: ${MASTER}\n`,
    );
  });
  after(async () => {
    await upstream.close();
    await rm(home, { recursive: true, force: true });
  });

  it('shares rate limits between workers through Redis', { skip: reachable ? false : `Redis not reachable at ${TEST_REDIS_URL}` }, async () => {
    const port = await freePort();
    const { child, output } = startCluster(['--config', configFile, '--port', String(port), '--host', '127.0.0.1', '--num_workers', '2'], {
      REDIS_URL: TEST_REDIS_URL,
      LLMUX_HOME: join(home, 'redis-run'),
      LLMUX_LOG_LEVEL: 'silent',
    });
    try {
      await waitFor(output, /listening on/g, 2, child);
      const base = `http://127.0.0.1:${port}`;
      const generated = await call(`${base}/key/generate`, MASTER, { rpm_limit: 2 });
      assert.equal(generated.status, 200, JSON.stringify(generated.json));
      const key = (generated.json as { key: string }).key;
      const chat = { model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }] };
      assert.equal((await call(`${base}/v1/chat/completions`, key, chat)).status, 200);
      assert.equal((await call(`${base}/v1/chat/completions`, key, chat)).status, 200);
      assert.equal((await call(`${base}/v1/chat/completions`, key, chat)).status, 429);
    } finally {
      child.kill('SIGTERM');
      assert.equal(await new Promise((resolve) => child.once('exit', resolve)), 0);
    }
  });

  it('warns that limits are per worker without Redis', async () => {
    const port = await freePort();
    const { child, output } = startCluster(['--config', configFile, '--port', String(port), '--host', '127.0.0.1', '--num_workers', '2'], {
      REDIS_URL: '',
      LLMUX_HOME: join(home, 'memory-run'),
      LLMUX_LOG_LEVEL: 'info',
    });
    try {
      await waitFor(output, /listening on/g, 2, child);
      assert.match(output(), /counted per worker/);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });
});
