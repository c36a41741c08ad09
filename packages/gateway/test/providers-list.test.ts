// `llmux --list-providers` as a child process: every served provider id with its kind,
// variables and operations, and the count (at least 80); and a config naming a provider
// llmux does not serve fails at start naming it, with the reason where one is known.

import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { describeProviders, getDefaultProviderRegistry, UNSERVED_PROVIDERS } from 'llmux';

const ENTRY = fileURLToPath(new URL('../src/cli-entry.ts', import.meta.url));

function runCli(args: string[], home: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--conditions=llmux-source', '--import', 'tsx', ENTRY, ...args], {
    env: { ...process.env, LLMUX_LOG_LEVEL: 'silent', LLMUX_HOME: home, DEEPINFRA_API_KEY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

describe('llmux --list-providers', () => {
  let directory = '';
  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'llmux-providers-'));
  });
  after(() => rm(directory, { recursive: true, force: true }));

  it('prints every served provider id with kind, variables and operations, and a count of at least 80', async () => {
    const { code, stdout } = await runCli(['--list-providers'], directory);
    assert.equal(code, 0);
    const count = Number(/^(\d+) provider ids served$/m.exec(stdout)?.[1]);
    assert.ok(count >= 80, `only ${count} provider ids served`);
    const served = describeProviders(getDefaultProviderRegistry());
    assert.equal(count, served.length);
    const lines = stdout.split('\n');
    for (const row of served) {
      const line = lines.find((candidate) => candidate.split(/\s+/)[0] === row.id);
      assert.ok(line !== undefined, `${row.id} is listed`);
      assert.match(line, new RegExp(`\\s${row.kind}\\s`));
      assert.ok(line.includes(row.operations.join(',')), `${row.id}: operations`);
      for (const name of row.keyEnv) assert.ok(line.includes(name), `${row.id}: ${name}`);
    }
    // Spot checks against the providers' own documentation.
    assert.match(stdout, /^deepinfra\s+openai-compatible\s+chat,stream,embeddings,models,passthrough,images,transcriptions,speech\s+DEEPINFRA_API_KEY DEEPINFRA_API_BASE$/m);
    assert.match(stdout, /^cohere_chat\s+native\s+/m);
    assert.match(stdout, /^ {2}github_copilot: .*OAuth device/m);
  });

  it('prints the same rows as a markdown table', async () => {
    const { code, stdout } = await runCli(['--list-providers', '--markdown'], directory);
    assert.equal(code, 0);
    const rows = stdout.split('\n').filter((line) => line.startsWith('| `'));
    assert.equal(rows.length, describeProviders(getDefaultProviderRegistry()).length);
    assert.ok(
      rows.includes(
        '| `databricks` | openai-compatible | `model: databricks/<model>` + `api_base` | `DATABRICKS_API_KEY` | `DATABRICKS_API_BASE` | chat, stream, embeddings, models, passthrough |',
      ),
    );
    // The README's provider table is this output; a row that drifted from the code fails here.
    const readme = await readFile(fileURLToPath(new URL('../../../README.md', import.meta.url)), 'utf8');
    const readmeRows = new Map(
      readme
        .split('\n')
        .filter((line) => /^\| `[^`]+` \| (openai-compatible|native) \|/.test(line))
        .map((line) => [line.split('|')[1]?.trim(), line]),
    );
    for (const row of rows) assert.equal(readmeRows.get(row.split('|')[1]?.trim()), row, 'README provider table row');
    assert.equal(readmeRows.size, rows.length, 'README lists every served provider once');
  });

  it('refuses a config naming a provider it does not serve, naming the id (and why, where known)', async () => {
    const config = join(directory, 'config.yaml');
    await writeFile(
      config,
      [
        'model_list:',
        '  - model_name: copilot',
        '    litellm_params: { model: github_copilot/gpt-4o }',
        '  - model_name: made-up',
        '    litellm_params: { model: nosuchvendor/some-model }',
        '  - model_name: served',
        '    litellm_params: { model: nebius/meta-llama/Llama-3.3-70B-Instruct, api_key: k }',
        '',
      ].join('\n'),
    );
    const { code, stderr } = await runCli(['--config', config, '--check'], directory);
    assert.equal(code, 1);
    assert.ok(stderr.includes(`names provider "github_copilot", which llmux does not serve: ${UNSERVED_PROVIDERS['github_copilot']}`), stderr);
    assert.match(stderr, /"made-up".*names an unknown provider "nosuchvendor"/);
    assert.doesNotMatch(stderr, /"served"/);
  });

  it('names the key variables of a new row whose key is missing, in --check', async () => {
    const config = join(directory, 'keyless.yaml');
    await writeFile(config, ['model_list:', '  - model_name: fast', '    litellm_params: { model: deepinfra/meta-llama/Llama-3.3-70B-Instruct }', ''].join('\n'));
    const { code, stdout } = await runCli(['--config', config, '--check'], directory);
    assert.equal(code, 0);
    assert.match(stdout, /fast → deepinfra\/meta-llama\/Llama-3\.3-70B-Instruct \(provider deepinfra, no key \(DEEPINFRA_API_KEY unset\)\)/);
    assert.match(stdout, /no upstream credential: litellm_params\.api_key is not given and DEEPINFRA_API_KEY is not set/);
  });
});
