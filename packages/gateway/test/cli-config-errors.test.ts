// What a user sees when the config is wrong: the built `llmux` exits 1 before listening,
// promptly, with a message naming the field (and the nearest known name), the variable or
// the rule. `--check` validates without listening; `--help` names every flag and variable.

import * as assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli } from './helpers/cli-process.js';

let directory = '';

async function configFile(name: string, yaml: string): Promise<string> {
  const file = join(directory, name);
  await writeFile(file, yaml);
  return file;
}

const MODEL = 'model_list:\n  - model_name: gpt\n    litellm_params:\n      model: openai/gpt-4o\n      api_key: sk-upstream-key-0123456789\n';

describe('llmux refuses a bad config before listening', () => {
  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'llmux-cli-config-'));
  });
  after(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('names a misspelt section and offers the right one', async () => {
    const file = await configFile('typo.yaml', `${MODEL}general_setings:\n  master_key: sk-12345678\n`);
    const { code, stderr, stdout } = await runCli(['--config', file, '--port', '0']);
    assert.equal(code, 1);
    assert.match(stderr, /general_setings: unknown field; did you mean general_settings\?/);
    assert.doesNotMatch(stdout, /listening/);
  });

  it('names an unset master key variable', async () => {
    const file = await configFile('unset-master.yaml', `${MODEL}general_settings:\n  master_key: os.environ/LLMUX_TEST_NO_SUCH_MASTER\n`);
    const { code, stderr } = await runCli(['--config', file, '--port', '0']);
    assert.equal(code, 1);
    assert.match(stderr, /general_settings\.master_key: environment variable LLMUX_TEST_NO_SUCH_MASTER is not set/);
  });

  it('refuses a short master key by its rule, without printing it', async () => {
    const { code, stderr } = await runCli(['--model', 'openai/gpt-4o', '--port', '0'], { LLMUX_MASTER_KEY: 'sk-abcd' });
    assert.equal(code, 1);
    assert.match(stderr, /LLMUX_MASTER_KEY: the master key must start with "sk-" and be at least 8 characters long/);
    assert.doesNotMatch(stderr, /sk-abcd/);
  });

  it('names the deployment with an unknown provider', async () => {
    const file = await configFile('provider.yaml', 'model_list:\n  - model_name: gpt\n    litellm_params:\n      model: opnai/gpt-4o\n');
    const { code, stderr } = await runCli(['--config', file, '--port', '0']);
    assert.equal(code, 1);
    assert.match(stderr, /model_list\[0\] "gpt": litellm_params\.model "opnai\/gpt-4o" names an unknown provider "opnai"; did you mean openai\?/);
  });

  it('refuses an unimplemented security setting unless --allow-unsupported', async () => {
    const file = await configFile('security.yaml', `${MODEL}general_settings:\n  master_key: sk-12345678\n  allowed_ips: ["10.0.0.1"]\n`);
    const refused = await runCli(['--config', file, '--check']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /general_settings\.allowed_ips: a security setting llmux does not implement yet.*--allow-unsupported/);
    const allowed = await runCli(['--config', file, '--check', '--allow-unsupported']);
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.match(allowed.stdout, /LiteLLM settings llmux does not implement yet, ignored: general_settings\.allowed_ips/);
  });

  it('--check prints what would be served with secrets masked, and never listens', async () => {
    const file = await configFile(
      'check.yaml',
      `${MODEL}  - model_name: claude\n    litellm_params:\n      model: anthropic/claude-3-5-haiku\n      api_key: os.environ/LLMUX_TEST_CLAUDE_KEY\ngeneral_settings:\n  master_key: sk-master-check-0123\n  database_url: postgres://llmux:hunter2secret@db.internal:5432/llmux\n`,
    );
    const home = await mkdtemp(join(tmpdir(), 'llmux-check-home-'));
    try {
      const { code, stdout } = await runCli(['--config', file, '--check'], { LLMUX_HOME: home });
      assert.equal(code, 0);
      assert.match(stdout, /is valid/);
      assert.match(stdout, /auth: enabled/);
      assert.match(stdout, /gpt → openai\/gpt-4o \(provider openai, api_key \*\*\*\*6789\)/);
      assert.match(stdout, /claude → anthropic\/claude-3-5-haiku/);
      assert.match(stdout, /model_list\[1\] "claude": litellm_params\.api_key: environment variable LLMUX_TEST_CLAUDE_KEY is not set/);
      assert.match(stdout, /postgres:\/\/llmux:\*\*\*\*@db\.internal:5432\/llmux/);
      for (const secret of ['sk-upstream-key-0123456789', 'sk-master-check-0123', 'hunter2secret']) assert.ok(!stdout.includes(secret), secret);
      assert.deepEqual(await readdir(home), [], '--check opens no store');
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });

  it("loads LiteLLM's documented example config with warnings only", async () => {
    const file = fileURLToPath(new URL('./fixtures/litellm-configs/model-specific-params.yaml', import.meta.url));
    const { code, stdout, stderr } = await runCli(['--config', file, '--check']);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /warnings:\n {2}- LiteLLM settings llmux does not implement yet, ignored: .*organization/);
  });
});

describe('llmux --help', () => {
  it('names every flag and every environment variable the source reads', async () => {
    const { code, stdout } = await runCli(['--help']);
    assert.equal(code, 0);
    for (const flag of [
      '--config',
      '--model',
      '--port',
      '--host',
      '--num_workers',
      '--check',
      '--allow-unsupported',
      '--shutdown_grace_seconds',
      '--detailed_debug',
      '--version',
    ]) {
      assert.ok(stdout.includes(flag), flag);
    }
    const read = await environmentReads();
    assert.ok(read.size > 40, `found only ${read.size} variables: the scan is broken`);
    for (const name of ['OPENAI_BASE_URL', 'OPENAI_API_BASE', 'LLMUX_MASTER_KEY', 'DATABASE_URL']) assert.ok(read.has(name), name);
    const missing = [...read].filter((name) => !new RegExp(`\\b${name}\\b`).test(stdout));
    assert.deepEqual(missing, []);
  });
});

/** Every upper-case name read from an env object or listed in an env-name constant in src/. */
async function environmentReads(): Promise<Set<string>> {
  const names = new Set<string>();
  const roots = ['../src', '../../sdk/src'].map((root) => fileURLToPath(new URL(root, import.meta.url)));
  for (const root of roots) {
    for (const entry of await readdir(root, { recursive: true })) {
      if (!entry.endsWith('.ts') || entry.endsWith('.test.ts') || entry.includes('__fixtures__')) continue;
      const text = await readFile(join(root, entry), 'utf8');
      for (const match of text.matchAll(/\benv(?:\.|\[')([A-Z][A-Z0-9_]+)/g)) names.add(match[1] ?? '');
      for (const line of text.split('\n')) {
        if (!/(_ENV\b|Env\b|Env:|env\b)/.test(line)) continue;
        for (const match of line.matchAll(/'([A-Z][A-Z0-9]*_[A-Z0-9_]+)'/g)) names.add(match[1] ?? '');
      }
    }
  }
  names.delete('');
  return names;
}
