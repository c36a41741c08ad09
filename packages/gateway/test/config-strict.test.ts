// The strict config check every CLI start runs (loadConfig): unknown fields with a nearest
// name, LiteLLM fields llmux lacks in one warning, security settings refused, providers and
// model strings checked, gateway secrets required, the master key rule, and LiteLLM's own
// documented examples loading.

import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, parseConfig } from '../src/config/index.js';

const strict = { strict: true };

function problemsOf(document: unknown, env: NodeJS.ProcessEnv = {}, options = strict): readonly string[] {
  try {
    parseConfig(document, 'x.yaml', env, options);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  assert.fail('expected a ConfigError');
}

const deployment = (model: string, extra: Record<string, unknown> = {}) => ({ model_name: 'm', litellm_params: { model, api_key: 'sk-upstream', ...extra } });

describe('strict config check', () => {
  it('names an unknown field at any depth with the nearest known name', () => {
    const problems = problemsOf({
      general_setings: { master_key: 'sk-12345678' },
      litellm_setting: { max_budget: 10 },
      model_list: [deployment('openai/gpt-4o', { api_bse: 'http://x' })],
      litellm_settings: { cache_params: { hots: 'localhost' } },
      router_settings: { routing_strategi: 'least-busy' },
    });
    assert.ok(problems.includes('general_setings: unknown field; did you mean general_settings?'), problems.join('\n'));
    assert.ok(problems.includes('litellm_setting: unknown field; did you mean litellm_settings?'), problems.join('\n'));
    assert.ok(problems.includes('model_list[0].litellm_params.api_bse: unknown field; did you mean api_base?'), problems.join('\n'));
    assert.ok(problems.includes('litellm_settings.cache_params.hots: unknown field; did you mean host?'), problems.join('\n'));
    assert.ok(problems.includes('router_settings.routing_strategi: unknown field; did you mean routing_strategy?'), problems.join('\n'));
  });

  it('says where a field in the wrong section belongs', () => {
    assert.deepEqual(problemsOf({ master_key: 'sk-12345678' }), ['master_key: unknown field; it belongs under general_settings']);
  });

  it('lists LiteLLM fields llmux does not implement in one warning, and loads', () => {
    const { warnings } = parseConfig(
      {
        model_list: [deployment('openai/gpt-4o', { organization: 'org-1' })],
        litellm_settings: { set_verbose: true, json_logs: true },
        general_settings: { disable_spend_updates: true },
      },
      'x.yaml',
      {},
      strict,
    );
    assert.equal(warnings.filter((warning) => warning.startsWith('LiteLLM settings llmux does not implement')).length, 1);
    assert.match(
      warnings[0] ?? '',
      /model_list\[0\]\.litellm_params\.organization, litellm_settings\.set_verbose, litellm_settings\.json_logs, general_settings\.disable_spend_updates/,
    );
  });

  it('refuses security settings llmux lacks, unless allowed, then warns', () => {
    const document = { include: ['more.yaml'], general_settings: { allowed_ips: ['10.0.0.1'], enable_jwt_auth: true } };
    const problems = problemsOf(document);
    for (const path of ['include', 'general_settings.allowed_ips', 'general_settings.enable_jwt_auth']) {
      assert.ok(
        problems.some((problem) => problem.startsWith(`${path}: a security setting llmux does not implement yet`) && problem.includes('--allow-unsupported')),
        problems.join('\n'),
      );
    }
    const { warnings } = parseConfig(document, 'x.yaml', {}, { strict: true, allowUnsupported: true });
    assert.match(warnings[0] ?? '', /include, general_settings\.allowed_ips, general_settings\.enable_jwt_auth/);
  });

  it('refuses an unknown provider or a malformed model, naming the deployment; wildcards pass', () => {
    const problems = problemsOf({
      model_list: [
        { model_name: 'gpt', litellm_params: { model: 'opnai/gpt-4o' } },
        { model_name: 'empty', litellm_params: { model: 'anthropic/' } },
        { model_name: 'bare', litellm_params: { model: 'my-model' }, model_info: { id: 'dep-7' } },
        { model_name: 'openai/*', litellm_params: { model: 'openai/*', api_key: 'sk-x' } },
        { model_name: '*', litellm_params: { model: '*' } },
      ],
    });
    assert.equal(problems.length, 3, problems.join('\n'));
    assert.equal(problems[0], 'model_list[0] "gpt": litellm_params.model "opnai/gpt-4o" names an unknown provider "opnai"; did you mean openai?');
    assert.match(problems[1] ?? '', /^model_list\[1\] "empty": litellm_params\.model "anthropic\/" is malformed/);
    assert.match(problems[2] ?? '', /^model_list\[2\] "bare" \(id dep-7\): litellm_params\.model "my-model" names no known provider/);
  });

  it('stops on an unset reference for a gateway secret, naming the variable', () => {
    const problems = problemsOf({ general_settings: { master_key: 'os.environ/LLMUX_TEST_UNSET_MASTER', database_url: 'os.environ/LLMUX_TEST_UNSET_DB' } });
    assert.match(problems[0] ?? '', /^general_settings\.master_key: environment variable LLMUX_TEST_UNSET_MASTER is not set/);
    assert.match(problems[1] ?? '', /^general_settings\.database_url: environment variable LLMUX_TEST_UNSET_DB is not set/);
  });

  it('warns, naming the deployment, when its credential is unset', () => {
    const { warnings } = parseConfig(
      {
        model_list: [
          { model_name: 'gpt', litellm_params: { model: 'openai/gpt-4o', api_key: 'os.environ/LLMUX_TEST_UNSET_UPSTREAM' } },
          { model_name: 'claude', litellm_params: { model: 'anthropic/claude-3-5-haiku' } },
        ],
      },
      'x.yaml',
      {},
      strict,
    );
    assert.ok(
      warnings.some((warning) => warning.startsWith('model_list[0] "gpt": litellm_params.api_key: environment variable LLMUX_TEST_UNSET_UPSTREAM is not set')),
      warnings.join('\n'),
    );
    assert.equal(warnings.filter((warning) => warning.startsWith('model_list[0]')).length, 1, 'one warning per deployment');
    assert.ok(
      warnings.some((warning) => warning.startsWith('model_list[1] "claude": no upstream credential') && warning.includes('ANTHROPIC_API_KEY')),
      warnings.join('\n'),
    );
  });

  it("holds the master key to LiteLLM's rule without printing it", () => {
    const short = problemsOf({ general_settings: { master_key: 'sk-abc' } });
    assert.equal(short.length, 1);
    assert.match(short[0] ?? '', /general_settings\.master_key: the master key must start with "sk-" and be at least 8 characters/);
    assert.ok(!short[0]?.includes('sk-abc'));
    const unprefixed = problemsOf({}, { LLMUX_MASTER_KEY: 'password1234' });
    assert.match(unprefixed[0] ?? '', /^LLMUX_MASTER_KEY: the master key must start with "sk-"/);
    assert.ok(!unprefixed[0]?.includes('password1234'));
    assert.equal(parseConfig({}, 'x.yaml', { LLMUX_MASTER_KEY: 'sk-12345678' }, strict).config.general_settings.master_key, 'sk-12345678');
  });

  it('reports every problem of a file at once', () => {
    const problems = problemsOf({ general_setings: {}, model_list: [{ model_name: 'x', litellm_params: { model: 'opnai/x', rpm: 'many' } }] });
    assert.equal(problems.length, 3, problems.join('\n'));
  });

  for (const fixture of ['load-balancing.yaml', 'model-specific-params.yaml']) {
    it(`loads LiteLLM's documented example ${fixture} with warnings only`, async () => {
      const file = fileURLToPath(new URL(`./fixtures/litellm-configs/${fixture}`, import.meta.url));
      const { config, warnings } = await loadConfig(file, {});
      assert.ok(config.model_list.length >= 5);
      for (const warning of warnings) assert.doesNotMatch(warning, /unknown field/);
      if (fixture === 'model-specific-params.yaml') {
        assert.match(warnings[0] ?? '', /^LiteLLM settings llmux does not implement yet, ignored: .*model_list\[2\]\.litellm_params\.organization.*litellm_settings\.set_verbose/);
      }
    });
  }
});
