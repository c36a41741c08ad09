// Each row whose vendor the price catalog knows resolves its models' prices from it; proxies
// that pass the model through are priced as that model; self-hosted runtimes cost nothing;
// a row the catalog lacks is flagged with model_price_not_found rather than priced at 0.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { completionCost, isLlmuxError } from '../../index.js';

const USAGE = { prompt_tokens: 1_000_000, completion_tokens: 0, total_tokens: 1_000_000 };

describe('prices of the OpenAI-compatible rows', () => {
  it('resolves catalogued vendors under their LiteLLM ids', () => {
    const models = [
      'together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo',
      'novita/deepseek/deepseek-r1',
      'moonshot/kimi-k2-0905-preview',
      'minimax/MiniMax-M2',
      'ovhcloud/Meta-Llama-3_3-70B-Instruct',
      'baseten/deepseek-ai/DeepSeek-V4-Pro',
      'codestral/codestral-2508',
      'cerebras/gpt-oss-120b',
      'litellm_proxy/gpt-4o',
      'custom_openai/gpt-4o-mini',
    ];
    for (const model of models) {
      const cost = completionCost({ model, usage: USAGE });
      assert.ok(cost > 0, `${model} is priced (${cost})`);
    }
    assert.equal(completionCost({ model: 'litellm_proxy/gpt-4o', usage: USAGE }), completionCost({ model: 'openai/gpt-4o', usage: USAGE }));
  });

  it('prices self-hosted runtimes at zero', () => {
    for (const model of ['vllm/Qwen/Qwen3-8B', 'xinference/qwen2.5-instruct', 'docker_model_runner/ai/smollm2', 'lemonade/Qwen3-0.6B-GGUF']) {
      assert.equal(completionCost({ model, usage: USAGE }), 0, model);
    }
  });

  it('flags a model the catalog lacks instead of pricing it at zero', () => {
    assert.throws(
      () => completionCost({ model: 'nebius/meta-llama/Llama-3.3-70B-Instruct', usage: USAGE }),
      (error: unknown) => isLlmuxError(error) && error.code === 'model_price_not_found' && error.message.includes('nebius/meta-llama/Llama-3.3-70B-Instruct'),
    );
  });
});
