// The `llmux` command as a child process: startup line with the bound URL, one request
// through it, a clean exit on SIGTERM; and the exit code for a bad config.

import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startFakeOpenAIUpstream, type FakeServer } from '@llmux/fake-upstreams';
import { httpRequest } from './helpers/http-request.js';

const ENTRY = fileURLToPath(new URL('../src/cli-entry.ts', import.meta.url));
const CLI_HOME = mkdtempSync(join(tmpdir(), 'llmux-cli-home-'));
process.on('exit', () => rmSync(CLI_HOME, { recursive: true, force: true }));

function startCli(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, ['--conditions=llmux-source', '--import', 'tsx', ENTRY, ...args], {
    // A temp llmux home, so the CLI's embedded store never lands in the working directory.
    env: { ...process.env, LLMUX_LOG_LEVEL: 'silent', LLMUX_HOME: CLI_HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function output(child: ChildProcess): { stdout: () => string; stderr: () => string } {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { stdout: () => stdout, stderr: () => stderr };
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function waitForUrl(child: ChildProcess, read: () => string): Promise<string> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const match = /listening on (http:\/\/\S+)/.exec(read());
    if (match?.[1] !== undefined) return match[1];
    if (child.exitCode !== null) throw new Error(`llmux exited early: ${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('llmux did not print its URL');
}

describe('llmux CLI', () => {
  let directory = '';
  let upstream: FakeServer;

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'llmux-cli-'));
    upstream = await startFakeOpenAIUpstream({ apiKey: 'sk-cli-upstream' });
  });
  after(async () => {
    await upstream.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('serves a config file on --port 0 and exits cleanly on SIGTERM', async () => {
    const file = join(directory, 'config.yaml');
    await writeFile(
      file,
      `model_list:\n  - model_name: cli-model\n    litellm_params:\n      model: openai/gpt-4o-mini\n      api_base: ${upstream.url}/v1\n      api_key: os.environ/CLI_TEST_KEY\n`,
    );
    const child = startCli(['--config', file, '--port', '0', '--host', '127.0.0.1'], { CLI_TEST_KEY: 'sk-cli-upstream', LLMUX_MASTER_KEY: 'sk-cli-master' });
    const streams = output(child);
    const exited = exitOf(child);
    try {
      const url = await waitForUrl(child, streams.stdout);
      assert.match(streams.stdout(), /cli-model/);
      const response = await httpRequest(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk-cli-master', 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'cli-model', messages: [{ role: 'user', content: 'hi' }] }),
      });
      assert.equal(response.status, 200, response.text);
      assert.equal((response.json as { object: string }).object, 'chat.completion');
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0, streams.stderr());
  });

  it('exits with code 1 and a clear message for a missing config file', async () => {
    const child = startCli(['--config', join(directory, 'missing.yaml')]);
    const streams = output(child);
    assert.equal(await exitOf(child), 1);
    assert.match(streams.stderr(), /missing\.yaml[\s\S]*no such file/);
  });

  it('exits with code 1 naming the bad field of an invalid config', async () => {
    const file = join(directory, 'bad.yaml');
    await writeFile(file, 'model_list:\n  - model_name: x\n    litellm_params:\n      rpm: 5\n');
    const child = startCli(['--config', file]);
    const streams = output(child);
    assert.equal(await exitOf(child), 1);
    assert.match(streams.stderr(), /model_list\[0\]\.litellm_params\.model/);
  });

  it('prints help, and rejects unknown options', async () => {
    const help = startCli(['--help']);
    const helpOutput = output(help);
    assert.equal(await exitOf(help), 0);
    assert.match(helpOutput.stdout(), /--config FILE/);
    const unknown = startCli(['--bogus']);
    const unknownOutput = output(unknown);
    assert.equal(await exitOf(unknown), 1);
    assert.match(unknownOutput.stderr(), /bogus/);
  });
});
