// The `llmux` command run as npm links it: the bin file executed itself, so its `#!` line
// starts Node. That line carries the V8 flag the gateway's speed depends on (a 32 MiB
// semi-space, see bin/llmux.js), which only works when Node starts with it: the test checks
// that the process serving requests was started with it, and that the line runs at all
// (`env -S` splits the flag from `node`).

import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { freePort } from './helpers/cli-process.js';

const BIN = fileURLToPath(new URL('../bin/llmux.js', import.meta.url));

describe('the llmux launcher', { skip: process.platform !== 'linux' && 'reads /proc, which only Linux has' }, () => {
  let directory = '';
  before(async () => (directory = await mkdtemp(join(tmpdir(), 'llmux-launcher-'))));
  after(() => rm(directory, { recursive: true, force: true }));

  it('runs as an executable and starts Node with the semi-space flag', async () => {
    const config = join(directory, 'config.yaml');
    await writeFile(config, 'model_list:\n  - model_name: m\n    litellm_params:\n      model: openai/gpt-4o-mini\n      api_key: sk-upstream\n');
    const port = await freePort();
    const child = spawn(BIN, ['--config', config, '--port', String(port)], {
      env: { ...process.env, LLMUX_MASTER_KEY: 'sk-master-launcher', LLMUX_HOME: directory, LLMUX_LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const deadline = Date.now() + 20_000;
      while (!stdout.includes('listening on') && child.exitCode === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.match(stdout, /listening on http:\/\/127\.0\.0\.1:/);
      // `env` execs Node in its own place: the child's pid is the gateway's.
      const argv = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0');
      assert.ok(argv.includes('--max-semi-space-size=32'), `gateway started as ${argv.join(' ')}`);
      assert.ok(argv.includes(BIN));
    } finally {
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    }
  });
});
