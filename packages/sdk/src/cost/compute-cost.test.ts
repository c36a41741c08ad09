// computeCost()'s cached fast path must agree with the catalog's own calculation for
// every model of the main providers, including time-of-day, dated and audio prices.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { calcPrice, findProvider } from '@pydantic/genai-prices';
import { computeCost } from '../index.js';

const USAGES = [
  { prompt: 1_000, read: 0, write: 0, output: 50 },
  { prompt: 300_000, read: 1_000, write: 500, output: 2_000 },
  { prompt: 5_000, read: 4_000, write: 1_000, output: 7 },
];

function close(actual: number | null, expected: number): boolean {
  return actual !== null && Math.abs(actual - expected) <= 1e-12 * Math.max(1, expected);
}

describe('computeCost', () => {
  it('agrees with calcPrice for every catalog model of the main providers', () => {
    let compared = 0;
    for (const providerId of ['openai', 'anthropic', 'google', 'deepseek', 'x-ai', 'mistral', 'groq', 'aws', 'azure']) {
      for (const model of findProvider({ providerId })?.models ?? []) {
        for (const { prompt, read, write, output } of USAGES) {
          const expected = calcPrice({ input_tokens: prompt, cache_read_tokens: read, cache_write_tokens: write, output_tokens: output }, model.id, { providerId });
          if (expected === null) continue;
          const actual = computeCost(providerId, model.id, {
            prompt_tokens: prompt,
            completion_tokens: output,
            total_tokens: prompt + output,
            prompt_tokens_details: { cached_tokens: read },
            cache_creation_input_tokens: write,
          });
          assert.ok(close(actual, expected.total_price), `${providerId}/${model.id} ${prompt}: ${actual} vs ${expected.total_price}`);
          compared += 1;
        }
      }
    }
    assert.ok(compared > 500, `compared ${compared} prices`);
  });

  it('lets the catalog price separately billed audio tokens', () => {
    const found = calcPrice({}, 'gpt-audio', { providerId: 'openai' });
    const p = found?.model_price;
    assert.ok(p !== undefined && typeof p.input_audio_mtok === 'number' && typeof p.output_audio_mtok === 'number');
    const prices = p as Record<string, number>;
    const cost = computeCost('openai', 'gpt-audio', {
      prompt_tokens: 1_000,
      completion_tokens: 500,
      total_tokens: 1_500,
      prompt_tokens_details: { audio_tokens: 400 },
      completion_tokens_details: { audio_tokens: 200 },
    });
    const expected = (600 * prices.input_mtok! + 400 * prices.input_audio_mtok! + 300 * prices.output_mtok! + 200 * prices.output_audio_mtok!) / 1e6;
    assert.ok(close(cost, expected), `${cost} vs ${expected}`);
  });

  it('never prices negatively or throws on malformed usage', () => {
    const cost = computeCost('anthropic', 'claude-sonnet-4-20250514', {
      prompt_tokens: 10,
      completion_tokens: -5,
      total_tokens: 5,
      prompt_tokens_details: { cached_tokens: 100 },
      cache_creation_input_tokens: Number.NaN,
    });
    assert.ok(cost !== null && cost > 0);
  });
});
