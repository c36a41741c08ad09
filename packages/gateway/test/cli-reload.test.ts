// Config reload without a restart: POST /config/reload (admin) and SIGHUP re-read the file
// with the start's checks. A bad file is refused and the running config keeps serving; a
// good one's model_list applies at once.

import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startFakeOpenAIUpstream, type FakeServer } from '@llmux/fake-upstreams';
import { startCli, waitForUrl, type CliProcess } from './helpers/cli-process.js';
import { httpRequest } from './helpers/http-request.js';

const MASTER = 'sk-master-cli-reload';
const auth = { authorization: `Bearer ${MASTER}` };

describe('llmux config reload', () => {
  let directory = '';
  let upstream: FakeServer;
  let file = '';
  let cli: CliProcess;
  let url = '';

  const deployment = (name: string): string =>
    `  - model_name: ${name}\n    litellm_params:\n      model: openai/gpt-4o-mini\n      api_base: ${upstream.url}/v1\n      api_key: sk-upstream-reload\n`;
  const models = async (): Promise<string[]> => ((await httpRequest(`${url}/v1/models`, { headers: auth })).json as { data: Array<{ id: string }> }).data.map((model) => model.id);
  const waitForStderr = async (pattern: RegExp): Promise<void> => {
    const deadline = Date.now() + 10_000;
    while (!pattern.test(cli.stderr())) {
      assert.ok(Date.now() < deadline, `no ${pattern} in: ${cli.stderr()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'llmux-cli-reload-'));
    upstream = await startFakeOpenAIUpstream({ apiKey: 'sk-upstream-reload' });
    file = join(directory, 'config.yaml');
    await writeFile(file, `model_list:\n${deployment('first')}`);
    cli = startCli(['--config', file, '--port', '0', '--host', '127.0.0.1'], { LLMUX_MASTER_KEY: MASTER });
    url = await waitForUrl(cli);
  });
  after(async () => {
    cli.child.kill('SIGTERM');
    await cli.exited;
    await upstream.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('POST /config/reload needs the master key', async () => {
    assert.equal((await httpRequest(`${url}/config/reload`, { method: 'POST' })).status, 401);
  });

  it('POST /config/reload applies a good file at once', async () => {
    await writeFile(file, `model_list:\n${deployment('first')}${deployment('second')}`);
    const response = await httpRequest(`${url}/config/reload`, { method: 'POST', headers: auth });
    assert.equal(response.status, 200, response.text);
    const body = response.json as { status: string; added: string[]; removed: string[]; restart_needed: string[] };
    assert.equal(body.status, 'reloaded');
    assert.equal(body.added.length, 1);
    assert.deepEqual(body.removed, []);
    assert.deepEqual(await models(), ['first', 'second']);
  });

  it('refuses a bad file over HTTP and on SIGHUP, and the running config keeps serving', async () => {
    await writeFile(file, `model_list:\n${deployment('first')}general_setings:\n  master_key: sk-12345678\n`);
    const response = await httpRequest(`${url}/config/reload`, { method: 'POST', headers: auth });
    assert.equal(response.status, 400);
    const error = (response.json as { error: { message: string; code: string } }).error;
    assert.equal(error.code, 'invalid_config');
    assert.match(error.message, /general_setings: unknown field; did you mean general_settings\?/);
    cli.child.kill('SIGHUP');
    await waitForStderr(/config reload \(SIGHUP\) refused; the running config stays/);
    assert.equal(cli.child.exitCode, null, 'still running');
    assert.deepEqual(await models(), ['first', 'second']);
    const chat = await httpRequest(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'second', messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(chat.status, 200, chat.text);
  });

  it('SIGHUP applies a good file and names the sections that need a restart', async () => {
    await writeFile(file, `model_list:\n${deployment('second')}litellm_settings:\n  drop_params: true\n`);
    cli.child.kill('SIGHUP');
    await waitForStderr(/config reloaded \(SIGHUP\): model_list: 0 added, 1 removed, 0 changed; litellm_settings changed too: restart to apply it/);
    assert.deepEqual(await models(), ['second']);
  });
});
