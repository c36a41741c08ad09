// The budget-routing config forms LiteLLM accepts load in strict mode (the CLI's), and a typo
// in them stops the start naming its path: an unknown field, an unknown provider, a duration
// that is not one, routing_strategy: provider-budget-routing with nothing to route by.

import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../src/index.js';
import { strictConfigRefusal } from './helpers/strict-config-refusal.js';

const deployment = { model_name: 'gpt', litellm_params: { model: 'openai/gpt-4o-mini', api_key: 'sk-x' } };

function accepts(document: Record<string, unknown>): void {
  parseConfig({ model_list: [deployment], ...document }, 'litellm.yaml', {}, { strict: true });
}

function refusal(document: Record<string, unknown>): string {
  return strictConfigRefusal({ model_list: [deployment], ...document });
}

describe('budget routing config', () => {
  it("accepts LiteLLM's provider-budget-routing with provider_budget_config (docs example, every period unit)", () => {
    accepts({
      router_settings: {
        routing_strategy: 'provider-budget-routing',
        provider_budget_config: {
          openai: { budget_limit: 0.000000000001, time_period: '1d' },
          azure: { budget_limit: 100, time_period: '30s' },
          anthropic: { budget_limit: 100, time_period: '10m' },
          vertex_ai: { budget_limit: 100, time_period: '24h' },
          gemini: { budget_limit: 50, time_period: '1mo' },
        },
        redis_host: 'localhost',
        redis_port: 6379,
      },
    });
  });

  it('accepts provider_budget_config without the routing_strategy (newer LiteLLM) and a deployment max_budget / budget_duration', () => {
    accepts({
      model_list: [{ model_name: 'gpt', litellm_params: { model: 'openai/gpt-4o', api_key: 'sk-x', max_budget: 10, budget_duration: '1d' } }],
      router_settings: { provider_budget_config: { openai: { budget_limit: 100, time_period: '30d' } } },
    });
  });

  it('refuses a misspelt budget field, naming its path', () => {
    const message = refusal({ router_settings: { provider_budget_config: { openai: { budget_limt: 100, time_period: '1d' } } } });
    assert.match(message, /router_settings\.provider_budget_config\.openai/);
    assert.match(message, /budget_limt/);
  });

  it('refuses an unknown provider id, suggesting the near one', () => {
    const message = refusal({ router_settings: { provider_budget_config: { opneai: { budget_limit: 100, time_period: '1d' } } } });
    assert.match(message, /router_settings\.provider_budget_config\.opneai: unknown provider; did you mean openai\?/);
  });

  it('refuses a time_period or budget_duration that is not a duration', () => {
    const period = refusal({ router_settings: { provider_budget_config: { openai: { budget_limit: 100, time_period: '1 day' } } } });
    assert.match(period, /router_settings\.provider_budget_config\.openai\.time_period: is not a duration/);
    const duration = refusal({ model_list: [{ model_name: 'gpt', litellm_params: { model: 'openai/gpt-4o', api_key: 'sk-x', max_budget: 1, budget_duration: 'daily' } }] });
    assert.match(duration, /model_list\[0\]\.litellm_params\.budget_duration: is not a duration/);
  });

  it('refuses routing_strategy: provider-budget-routing without provider_budget_config', () => {
    const message = refusal({ router_settings: { routing_strategy: 'provider-budget-routing' } });
    assert.match(message, /router_settings\.routing_strategy: provider-budget-routing needs router_settings\.provider_budget_config/);
  });

  it('refuses a misspelt routing strategy, naming the field', () => {
    const message = refusal({ router_settings: { routing_strategy: 'provider-budget-routng' } });
    assert.match(message, /router_settings\.routing_strategy/);
  });
});
