// The built `llmux` as a process: a port in use exits 1 with the address; without a master
// key it binds loopback and says auth is disabled, and warns loudly when bound elsewhere;
// SIGTERM stops accepting, lets the call in flight finish, writes its spend row and exits 0.

import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startFakeServer, type FakeServer } from '@llmux/fake-upstreams';
import { freePort, runCli, startCli, waitForUrl } from './helpers/cli-process.js';
import { httpRequest } from './helpers/http-request.js';

const MASTER = 'sk-master-cli-process';
/** How long the slow upstream takes to answer: the call is in flight when SIGTERM arrives. */
const UPSTREAM_DELAY_MS = 1_500;

/** An OpenAI stream of three words, one every half second, with usage at the end. */
async function slowStream(response: ServerResponse, model: string): Promise<void> {
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  const chunk = (delta: object, extra: object = {}): string =>
    `data: ${JSON.stringify({ id: 'chatcmpl-stream', object: 'chat.completion.chunk', created: 1, model, choices: [{ index: 0, delta, finish_reason: null }], ...extra })}\n\n`;
  for (const word of ['one ', 'two ', 'three']) {
    response.write(chunk({ content: word }));
    await new Promise((resolve) => setTimeout(resolve, UPSTREAM_DELAY_MS / 3));
  }
  response.write(
    `data: ${JSON.stringify({ id: 'chatcmpl-stream', object: 'chat.completion.chunk', created: 1, model, choices: [], usage: { prompt_tokens: 3, completion_tokens: 3, total_tokens: 6 } })}\n\n`,
  );
  response.end('data: [DONE]\n\n');
}

describe('llmux process', () => {
  let directory = '';
  let upstream: FakeServer;
  let config = '';

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'llmux-cli-process-'));
    upstream = await startFakeServer(async (request, response) => {
      const model = (request.json as { model?: string } | undefined)?.model ?? 'x';
      if ((request.json as { stream?: boolean } | undefined)?.stream === true) return slowStream(response, model);
      await new Promise((resolve) => setTimeout(resolve, UPSTREAM_DELAY_MS));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          id: 'chatcmpl-slow',
          object: 'chat.completion',
          created: 1,
          model,
          choices: [{ index: 0, message: { role: 'assistant', content: 'slow hello' }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
        }),
      );
    });
    config = join(directory, 'config.yaml');
    await writeFile(
      config,
      `model_list:\n  - model_name: slow\n    litellm_params:\n      model: openai/gpt-4o-mini\n      api_base: ${upstream.url}/v1\n      api_key: sk-upstream-slow-0000\n`,
    );
  });
  after(async () => {
    await upstream.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('exits 1 naming the address when the port is in use', async () => {
    const holder: Server = createServer();
    const port = await new Promise<number>((resolve) => holder.listen(0, '127.0.0.1', () => resolve((holder.address() as { port: number }).port)));
    try {
      const { code, stderr } = await runCli(['--config', config, '--port', String(port), '--host', '127.0.0.1'], { LLMUX_MASTER_KEY: MASTER });
      assert.equal(code, 1);
      assert.match(stderr, new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}: the address is already in use`));
    } finally {
      holder.close();
    }
  });

  it('binds 127.0.0.1 without a master key, and readiness says auth is disabled', async () => {
    const cli = startCli(['--config', config, '--port', '0']);
    try {
      const url = await waitForUrl(cli);
      assert.match(url, /^http:\/\/127\.0\.0\.1:/);
      const readiness = await httpRequest(`${url}/health/readiness`);
      assert.equal((readiness.json as { auth: string }).auth, 'disabled');
      assert.doesNotMatch(cli.stderr(), /WITHOUT AUTHENTICATION/);
    } finally {
      cli.child.kill('SIGTERM');
    }
    assert.equal(await cli.exited, 0);
  });

  it('warns in a block when bound beyond loopback without a master key', async () => {
    const cli = startCli(['--config', config, '--port', '0', '--host', '0.0.0.0']);
    try {
      await waitForUrl(cli);
      assert.match(cli.stderr(), /!{20,}\n!! WARNING: llmux listens on 0\.0\.0\.0 WITHOUT AUTHENTICATION\./);
    } finally {
      cli.child.kill('SIGTERM');
    }
    assert.equal(await cli.exited, 0);
  });

  it('with a master key: readiness says auth is enabled', async () => {
    const cli = startCli(['--config', config, '--port', '0', '--host', '127.0.0.1'], { LLMUX_MASTER_KEY: MASTER });
    try {
      const url = await waitForUrl(cli);
      assert.equal(((await httpRequest(`${url}/health/readiness`)).json as { auth: string }).auth, 'enabled');
    } finally {
      cli.child.kill('SIGTERM');
    }
    assert.equal(await cli.exited, 0);
  });

  it('a second SIGTERM exits at once, without waiting for the call in flight', async () => {
    const cli = startCli(['--config', config, '--port', '0', '--host', '127.0.0.1'], { LLMUX_MASTER_KEY: MASTER });
    const url = await waitForUrl(cli);
    const seen = upstream.requests.length;
    const inFlight = httpRequest(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MASTER}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'slow', messages: [{ role: 'user', content: 'hi' }] }),
    });
    while (upstream.requests.length === seen) await new Promise((resolve) => setTimeout(resolve, 20));
    const outcome = inFlight.then(
      () => 'answered',
      () => 'cut',
    );
    cli.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 100));
    cli.child.kill('SIGTERM');
    assert.equal(await cli.exited, 1);
    assert.match(cli.stderr(), /SIGTERM again: exiting now/);
    assert.equal(await outcome, 'cut');
  });

  it('--num_workers 2: SIGTERM to the primary drains the workers and exits 0', async () => {
    const port = await freePort();
    const cli = startCli(['--config', config, '--port', String(port), '--host', '127.0.0.1', '--num_workers', '2'], { LLMUX_MASTER_KEY: MASTER });
    const deadline = Date.now() + 60_000;
    while ((cli.stdout().match(/listening on/g) ?? []).length < 2) {
      assert.ok(Date.now() < deadline && cli.child.exitCode === null, `workers did not start: ${cli.stderr()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const seen = upstream.requests.length;
    const inFlight = httpRequest(`http://127.0.0.1:${port}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MASTER}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'slow', messages: [{ role: 'user', content: 'hi' }] }),
    });
    while (upstream.requests.length === seen) await new Promise((resolve) => setTimeout(resolve, 20));
    cli.child.kill('SIGTERM');
    assert.equal((await inFlight).status, 200);
    assert.equal(await cli.exited, 0, cli.stderr());
    assert.equal((cli.stderr().match(/shutdown requested by the primary/g) ?? []).length, 2);
  });

  it('under `npx llmux`, a SIGTERM to npm still shuts the gateway down', async () => {
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/MASTER_KEY$/.test(name)));
    const npx = spawn('npx', ['--no', '--', 'llmux', '--config', config, '--port', '0', '--host', '127.0.0.1'], {
      cwd: root,
      env: { ...inherited, LLMUX_LOG_LEVEL: 'silent', LLMUX_MASTER_KEY: MASTER, LLMUX_HOME: directory },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    npx.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    npx.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // The pipes close only when every process holding them (npm, sh, the gateway) has exited.
    const closed = new Promise<void>((resolve) => npx.stdout.once('close', () => resolve()));
    const deadline = Date.now() + 30_000;
    while (!/listening on http:\/\/127\.0\.0\.1:(\d+)/.test(output)) {
      assert.ok(Date.now() < deadline && npx.exitCode === null, `npx llmux did not start: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const port = Number(/listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
    npx.kill('SIGTERM');
    await closed;
    assert.match(output, /the npm process that started llmux is gone: no longer accepting connections/);
    await assert.rejects(httpRequest(`http://127.0.0.1:${port}/health/liveliness`), 'the gateway is gone');
  });

  it('on SIGTERM stops accepting, finishes the call and the stream in flight, writes their spend rows and exits 0', async () => {
    const home = await mkdtemp(join(tmpdir(), 'llmux-drain-home-'));
    const port = await freePort();
    const env = { LLMUX_MASTER_KEY: MASTER, LLMUX_HOME: home };
    const headers = { authorization: `Bearer ${MASTER}`, 'content-type': 'application/json' };
    try {
      const cli = startCli(['--config', config, '--port', String(port), '--host', '127.0.0.1', '--shutdown_grace_seconds', '10'], env);
      const url = await waitForUrl(cli);
      const seen = upstream.requests.length;
      const inFlight = httpRequest(`${url}/v1/chat/completions`, { method: 'POST', headers, body: JSON.stringify({ model: 'slow', messages: [{ role: 'user', content: 'hi' }] }) });
      const streaming = httpRequest(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ model: 'slow', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
      });
      while (upstream.requests.length < seen + 2) await new Promise((resolve) => setTimeout(resolve, 20));
      cli.child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 300));
      await assert.rejects(httpRequest(`${url}/health/liveliness`, { headers: { connection: 'close' } }), /ECONNREFUSED/, 'no new connections once draining');
      const response = await inFlight;
      assert.equal(response.status, 200, response.text);
      const stream = await streaming;
      assert.equal(stream.status, 200, stream.text);
      assert.match(stream.text, /"content":"three"[\s\S]*data: \[DONE\]/, 'the stream in flight ran to its end');
      assert.equal(await cli.exited, 0, cli.stderr());
      assert.match(cli.stderr(), /SIGTERM: no longer accepting connections; waiting up to 10s/);

      const again = startCli(['--config', config, '--port', '0', '--host', '127.0.0.1'], env);
      try {
        const secondUrl = await waitForUrl(again);
        const logs = await httpRequest(`${secondUrl}/spend/logs`, { headers });
        assert.equal(logs.status, 200, logs.text);
        const rows = logs.json as Array<{ model_group?: string; total_tokens?: number }>;
        assert.ok(
          rows.some((row) => row.model_group === 'slow' && row.total_tokens === 5),
          logs.text,
        );
        assert.ok(
          rows.some((row) => row.model_group === 'slow' && row.total_tokens === 6),
          `the stream's row: ${logs.text}`,
        );
      } finally {
        again.child.kill('SIGTERM');
      }
      assert.equal(await again.exited, 0);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
