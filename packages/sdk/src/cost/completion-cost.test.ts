// completionCost() and computeCost() through the public API. Expected costs are summed
// here from the catalog's published per-million prices, read with the catalog package's
// own exported functions, so a wrong mapping of usage (cache reads/writes) shows up.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { startFakeOpenAIUpstream } from '@llmux/fake-upstreams';
import { calcPrice, findProvider } from '@pydantic/genai-prices';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { NotFoundError, completionCost, computeCost, embedding, type Usage } from '../index.js';

const MTOK = 1e6;

/** The catalog's per-million prices of one model, as published (flat prices only). */
function publishedPrices(providerId: string, modelId: string): Record<string, number> {
  const model = findProvider({ providerId })?.models.find((candidate) => candidate.id === modelId);
  assert.ok(model !== undefined, `catalog has ${providerId}/${modelId}`);
  assert.ok(!Array.isArray(model.prices), `${modelId} has one price`);
  const prices: Record<string, number> = {};
  for (const [key, value] of Object.entries(model.prices)) if (typeof value === 'number') prices[key] = value;
  return prices;
}

function assertClose(actual: number | null, expected: number, message?: string): void {
  assert.ok(actual !== null, message ?? 'priced');
  assert.ok(Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)), `${message ?? ''} ${actual} ≈ ${expected}`);
}

function usage(prompt: number, completion: number, cacheRead = 0, cacheWrite = 0): Usage {
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: cacheRead },
    ...(cacheWrite > 0 ? { cache_creation_input_tokens: cacheWrite } : {}),
  };
}

describe('completionCost', () => {
  it('prices OpenAI with cache reads carved out of prompt_tokens', () => {
    const p = publishedPrices('openai', 'gpt-4o');
    const expected = (6_000 * p.input_mtok! + 4_000 * p.cache_read_mtok! + 500 * p.output_mtok!) / MTOK;
    assertClose(completionCost({ model: 'openai/gpt-4o', usage: usage(10_000, 500, 4_000) }), expected);
    // A bare OpenAI model name resolves to the openai provider.
    assertClose(completionCost({ model: 'gpt-4o', usage: usage(10_000, 500, 4_000) }), expected);
  });

  it('prices Anthropic cache writes, counted inside prompt_tokens, at the cache-write price', () => {
    const p = publishedPrices('anthropic', 'claude-sonnet-4-0');
    const uncached = 12_000 - 3_000 - 5_000;
    const expected = (uncached * p.input_mtok! + 3_000 * p.cache_read_mtok! + 5_000 * p.cache_write_mtok! + 800 * p.output_mtok!) / MTOK;
    assertClose(completionCost({ model: 'anthropic/claude-sonnet-4-20250514', usage: usage(12_000, 800, 3_000, 5_000) }), expected);
  });

  it('bills cache reads at the input price when the model has no cache price', () => {
    const p = publishedPrices('groq', 'llama-3.1-8b-instant');
    assert.equal(p.cache_read_mtok, undefined);
    const expected = (2_000 * p.input_mtok! + 300 * p.output_mtok!) / MTOK;
    assertClose(completionCost({ model: 'groq/llama-3.1-8b-instant', usage: usage(2_000, 300, 500) }), expected);
  });

  it('maps LiteLLM provider ids to the catalog’s', () => {
    // The catalog is asked for the same model name under its own provider id.
    const cases: Array<[model: string, providerId: string, catalogModel: string]> = [
      ['xai/grok-3', 'x-ai', 'grok-3'],
      ['together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo', 'together', 'meta-llama/Llama-3.3-70B-Instruct-Turbo'],
      ['fireworks_ai/accounts/fireworks/models/llama-v3p1-8b-instruct', 'fireworks', 'accounts/fireworks/models/llama-v3p1-8b-instruct'],
      ['deepseek/deepseek-chat', 'deepseek', 'deepseek-chat'],
      ['mistral/mistral-large-latest', 'mistral', 'mistral-large-latest'],
      ['cohere/command-r', 'cohere', 'command-r'],
      ['openrouter/openai/gpt-4o', 'openrouter', 'openai/gpt-4o'],
      ['huggingface/together/deepseek-ai/DeepSeek-R1', 'huggingface_together', 'deepseek-ai/DeepSeek-R1'],
    ];
    for (const [model, providerId, catalogModel] of cases) {
      const found = calcPrice({}, catalogModel, { providerId });
      assert.ok(found !== null, `${providerId}/${catalogModel} in catalog`);
      const input = found.model_price.input_mtok;
      const output = found.model_price.output_mtok;
      assert.ok(typeof input === 'number' && typeof output === 'number', `${model} has flat prices`);
      assertClose(completionCost({ model, usage: usage(1_000, 100) }), (1_000 * input + 100 * output) / MTOK, model);
    }
  });

  it('adds per-request prices', () => {
    const p = publishedPrices('perplexity', 'sonar');
    const expected = (1_000 * p.input_mtok! + 200 * p.output_mtok!) / MTOK + p.requests_kcount! / 1_000;
    assertClose(completionCost({ model: 'perplexity/sonar', usage: usage(1_000, 200) }), expected);
  });

  it('applies tiered prices by prompt size', () => {
    const found = calcPrice({}, 'gemini-2.5-pro', { providerId: 'google' });
    const input = found?.model_price.input_mtok;
    assert.ok(typeof input === 'object', 'gemini-2.5-pro is tiered');
    const tier = input.tiers[0]!;
    const below = usage(tier.start, 1_000);
    const above = usage(tier.start + 1, 1_000);
    const catalog = (u: Usage) => calcPrice({ input_tokens: u.prompt_tokens, output_tokens: u.completion_tokens }, 'gemini-2.5-pro', { providerId: 'google' })!.total_price;
    assertClose(completionCost({ model: 'gemini/gemini-2.5-pro', usage: below }), catalog(below));
    assertClose(completionCost({ model: 'vertex_ai/gemini-2.5-pro', usage: above }), catalog(above));
    assert.ok(catalog(above) > catalog(below) * 1.5, 'the upper tier costs more');
  });

  it('reads provider and model from a response’s llmux metadata, and embedding usage', () => {
    const p = publishedPrices('openai', 'text-embedding-3-small');
    const response = { object: 'list', data: [], model: 'text-embedding-3-small', usage: { prompt_tokens: 5_000, total_tokens: 5_000 } };
    Object.defineProperty(response, 'llmux', { value: { provider: 'openai', model: 'text-embedding-3-small', cost: null, warnings: [] } });
    assertClose(completionCost({ completion_response: response }), (5_000 * p.input_mtok!) / MTOK);
  });

  it('prices a response of embedding() as the SDK priced it', async () => {
    const fake = await startFakeOpenAIUpstream();
    try {
      const response = await embedding({ model: 'openai/text-embedding-3-small', api_base: `${fake.url}/v1`, api_key: 'k', input: ['a', 'b c'] });
      const p = publishedPrices('openai', 'text-embedding-3-small');
      const expected = (response.usage.prompt_tokens * p.input_mtok!) / MTOK;
      assert.ok(expected > 0);
      assertClose(completionCost({ completion_response: response }), expected);
      assertClose(response.llmux.cost, expected);
    } finally {
      await fake.close();
    }
  });

  it('counts prompt and completion text with the model’s tokenizer', () => {
    const p = publishedPrices('openai', 'gpt-4o');
    const prompt = 'What is the capital of France? Answer in one word.';
    const completion = 'Paris.';
    const expected = (encode(prompt).length * p.input_mtok! + encode(completion).length * p.output_mtok!) / MTOK;
    assertClose(completionCost({ model: 'openai/gpt-4o', prompt, completion }), expected);
  });

  it('lets overrides replace catalog prices, component by component', () => {
    const p = publishedPrices('openai', 'gpt-4o');
    const u = usage(10_000, 500, 4_000);
    assertClose(completionCost({ model: 'openai/gpt-4o', usage: u, input_cost_per_token: 1e-6 }), 6_000 * 1e-6 + (4_000 * p.cache_read_mtok! + 500 * p.output_mtok!) / MTOK);
    assertClose(
      completionCost({ model: 'openai/gpt-4o', usage: u, output_cost_per_token: 2e-6, cache_read_input_token_cost: 1e-7 }),
      (6_000 * p.input_mtok!) / MTOK + 4_000 * 1e-7 + 500 * 2e-6,
    );
  });

  it('prices an unknown model from overrides alone, cache tokens at the input override', () => {
    const u = usage(1_000, 100, 200, 300);
    assertClose(completionCost({ model: 'openai/my-finetune-xyz', usage: u, input_cost_per_token: 3e-6, output_cost_per_token: 5e-6 }), 1_000 * 3e-6 + 100 * 5e-6);
    assertClose(computeCost('nvidia_nim', 'meta/llama3-70b', u, { input_cost_per_token: 3e-6, cache_creation_input_token_cost: 4e-6 }), 700 * 3e-6 + 300 * 4e-6);
  });

  it('throws NotFoundError when nothing prices the model', () => {
    assert.throws(
      () => completionCost({ model: 'openai/no-such-model-123', usage: usage(10, 10) }),
      (error: unknown) => error instanceof NotFoundError && error.model === 'no-such-model-123' && /no price known/.test(error.message),
    );
    assert.throws(() => completionCost({ model: 'nvidia_nim/meta/llama3-70b', usage: usage(10, 10) }), NotFoundError);
    assert.equal(computeCost('openai', 'no-such-model-123', usage(10, 10)), null);
  });

  it('treats self-hosted runtimes as free', () => {
    assert.equal(computeCost('ollama', 'llama3', usage(1_000, 100)), 0);
    assertClose(computeCost('ollama', 'llama3', usage(1_000, 100), { input_cost_per_token: 1e-9 }), 1_000 * 1e-9);
  });
});
