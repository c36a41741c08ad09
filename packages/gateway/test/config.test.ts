import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigError, configFromModel, loadConfig, parseConfig } from '../src/index.js';

describe('parseConfig', () => {
  it('reads model_list, settings sections and keeps unknown keys', () => {
    const { config } = parseConfig(
      {
        model_list: [{ model_name: 'gpt', litellm_params: { model: 'openai/gpt-4o', rpm: 10, custom_flag: true }, model_info: { id: 'dep-1', mode: 'chat' } }],
        litellm_settings: { drop_params: true, request_timeout: 30, num_retries: 2, set_verbose: true },
        general_settings: { master_key: 'sk-master', database_url: 'postgres://x' },
        router_settings: { routing_strategy: 'least-busy' },
      },
      'test',
      {},
    );
    assert.deepEqual(config.model_list[0], {
      model_name: 'gpt',
      litellm_params: { model: 'openai/gpt-4o', rpm: 10, custom_flag: true },
      model_info: { id: 'dep-1', mode: 'chat' },
    });
    assert.equal(config.litellm_settings.drop_params, true);
    assert.equal(config.litellm_settings.request_timeout, 30);
    assert.equal(config.litellm_settings.num_retries, 2);
    assert.equal(config.general_settings.master_key, 'sk-master');
    assert.equal(config.general_settings['database_url'], 'postgres://x');
    assert.deepEqual(config.router_settings, { routing_strategy: 'least-busy' });
  });

  it('treats empty YAML sections (null) as empty', () => {
    const { config } = parseConfig({ model_list: null, litellm_settings: null, general_settings: null }, 'test', {});
    assert.deepEqual(config.model_list, []);
    assert.deepEqual(config.litellm_settings, {});
    assert.deepEqual(config.general_settings, {});
  });

  it('applies environment_variables first, then resolves os.environ/ references anywhere', () => {
    const env: NodeJS.ProcessEnv = { UPSTREAM_KEY: 'sk-upstream' };
    const { config, warnings } = parseConfig(
      {
        environment_variables: { MASTER: 'sk-from-config', PORT_NUMBER: 8080 },
        model_list: [{ model_name: 'm', litellm_params: { model: 'openai/x', api_key: 'os.environ/UPSTREAM_KEY', api_base: 'os.environ/UNSET_BASE' } }],
        general_settings: { master_key: 'os.environ/MASTER' },
      },
      'test',
      env,
    );
    assert.equal(env['MASTER'], 'sk-from-config');
    assert.equal(env['PORT_NUMBER'], '8080');
    assert.equal(config.general_settings.master_key, 'sk-from-config');
    assert.equal(config.model_list[0]?.litellm_params.api_key, 'sk-upstream');
    assert.equal(config.model_list[0]?.litellm_params.api_base, undefined);
    // The warning names the deployment as well as the field (issue #14).
    assert.deepEqual(warnings, ['model_list[0] "m": litellm_params.api_base: environment variable UNSET_BASE is not set; calls to this deployment will fail until it is']);
  });

  it('takes the master key from LLMUX_MASTER_KEY when the config has none', () => {
    assert.equal(parseConfig({}, 'test', { LLMUX_MASTER_KEY: 'sk-env' }).config.general_settings.master_key, 'sk-env');
    assert.equal(parseConfig({ general_settings: { master_key: 'sk-file' } }, 'test', { LLMUX_MASTER_KEY: 'sk-env' }).config.general_settings.master_key, 'sk-file');
  });

  it('names the path of every bad field', () => {
    const error = catchConfigError(() =>
      parseConfig(
        {
          model_list: [
            { model_name: 'ok', litellm_params: { model: 'openai/x' } },
            { model_name: 'bad', litellm_params: { api_key: 'k' } },
          ],
          litellm_settings: { request_timeout: 'soon' },
        },
        'my.yaml',
        {},
      ),
    );
    assert.match(error.message, /my\.yaml/);
    assert.ok(
      error.problems.some((problem) => problem.startsWith('model_list[1].litellm_params.model:')),
      error.message,
    );
    assert.ok(
      error.problems.some((problem) => problem.startsWith('litellm_settings.request_timeout:')),
      error.message,
    );
  });

  it('rejects a document that is empty or not a mapping', () => {
    assert.match(catchConfigError(() => parseConfig(null, 'x.yaml', {})).message, /empty/);
    assert.match(catchConfigError(() => parseConfig(['a'], 'x.yaml', {})).message, /mapping/);
  });
});

describe('configFromModel', () => {
  it('serves provider/model under both names', () => {
    const { config } = configFromModel('openai/gpt-4o-mini', {});
    assert.deepEqual(
      config.model_list.map((deployment) => [deployment.model_name, deployment.litellm_params.model]),
      [
        ['openai/gpt-4o-mini', 'openai/gpt-4o-mini'],
        ['gpt-4o-mini', 'openai/gpt-4o-mini'],
      ],
    );
  });

  it('serves a bare model name once', () => {
    assert.deepEqual(
      configFromModel('gpt-4o', {}).config.model_list.map((deployment) => deployment.model_name),
      ['gpt-4o'],
    );
  });
});

describe('loadConfig', () => {
  let directory = '';
  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'llmux-config-'));
  });
  after(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('loads a LiteLLM config.yaml', async () => {
    const file = join(directory, 'config.yaml');
    await writeFile(
      file,
      [
        'model_list:',
        '  - model_name: gpt-4o',
        '    litellm_params:',
        '      model: openai/gpt-4o',
        '      api_key: os.environ/LOAD_TEST_KEY',
        'litellm_settings:',
        '  drop_params: true',
        '  set_verbose: False',
        'general_settings:',
        // LiteLLM's docs use sk-1234; llmux's strict load wants 8 characters or more (issue #14).
        '  master_key: sk-12345678',
      ].join('\n'),
    );
    const { config } = await loadConfig(file, { LOAD_TEST_KEY: 'sk-loaded' });
    assert.equal(config.model_list[0]?.litellm_params.api_key, 'sk-loaded');
    assert.equal(config.litellm_settings.drop_params, true);
    assert.equal(config.general_settings.master_key, 'sk-12345678');
  });

  it('reports a missing file and invalid YAML clearly', async () => {
    await assert.rejects(loadConfig(join(directory, 'nope.yaml'), {}), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /nope\.yaml[\s\S]*no such file/);
      return true;
    });
    const file = join(directory, 'broken.yaml');
    await writeFile(file, 'model_list:\n  - model_name: [unclosed\n');
    await assert.rejects(loadConfig(file, {}), /not valid YAML/);
  });
});

function catchConfigError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
