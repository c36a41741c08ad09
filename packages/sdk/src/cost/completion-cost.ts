// `completionCost()`, as LiteLLM's `completion_cost`: the USD cost of a response from
// completion() or embedding(), of a usage for a named model, or of prompt and completion
// texts counted with the model's tokenizer.

import { BadRequestError, NotFoundError } from '../errors/error-classes.js';
import { getDefaultProviderRegistry } from '../providers/provider-registry.js';
import { splitProviderModel } from '../providers/split-provider-model.js';
import { getMetadata } from '../response-metadata.js';
import type { Usage } from '../spec/usage.js';
import { tokenCounter } from '../token-counter/token-counter.js';
import { computeCost } from './compute-cost.js';
import type { PriceOverrides } from './price-overrides.js';

export type CompletionCostParams = {
  /** A response of completion() or embedding(); its `llmux` metadata names the provider and model. */
  completion_response?: object;
  /** `provider/model`, or a bare model name; overrides the response's model. */
  model?: string;
  /** Overrides the response's usage. */
  usage?: Usage;
  /** Texts to count with the model's tokenizer, when there is no usage. */
  prompt?: string;
  completion?: string;
} & PriceOverrides;

export function completionCost(params: CompletionCostParams): number {
  const { provider, model } = resolveModel(params);
  const usage = params.usage ?? readUsage(params.completion_response) ?? countUsage(params, model);
  const cost = computeCost(provider, model, usage, params);
  if (cost === null) {
    const named = provider === '' ? model : `${provider}/${model}`;
    throw new NotFoundError(`no price known for model "${named}"; pass input_cost_per_token and output_cost_per_token to price it`, {
      provider: provider === '' ? undefined : provider,
      model,
      code: 'model_price_not_found',
    });
  }
  return cost;
}

function resolveModel(params: CompletionCostParams): { provider: string; model: string } {
  if (params.model !== undefined) return parseModel(params.model);
  const response = params.completion_response;
  if (response !== undefined) {
    const metadata = getMetadata(response);
    if (metadata !== undefined) return { provider: metadata.provider, model: metadata.model };
    const model = (response as { model?: unknown }).model;
    if (typeof model === 'string' && model !== '') return parseModel(model);
  }
  throw new BadRequestError('completionCost needs a model or a completion_response from completion()/embedding()', {
    param: 'model',
  });
}

/**
 * The registry knows the providers llmux can call; a model string it cannot place (a
 * provider without an adapter yet, a bare non-OpenAI name) is still priced: by its
 * `provider/` prefix, else by the catalog matching the bare name.
 */
function parseModel(model: string): { provider: string; model: string } {
  try {
    const { reference } = getDefaultProviderRegistry().resolve(model);
    return { provider: reference.provider, model: reference.model };
  } catch (error) {
    if (!(error instanceof BadRequestError || error instanceof NotFoundError)) throw error;
  }
  return splitProviderModel(model);
}

function readUsage(response: object | undefined): Usage | undefined {
  const usage = (response as { usage?: unknown } | undefined)?.usage;
  if (typeof usage !== 'object' || usage === null) return undefined;
  const { prompt_tokens: prompt, completion_tokens: completion } = usage as Partial<Usage>;
  if (typeof prompt !== 'number') return undefined;
  // Embedding responses report no completion tokens.
  return typeof completion === 'number' ? (usage as Usage) : { ...(usage as Usage), completion_tokens: 0, total_tokens: prompt };
}

function countUsage(params: CompletionCostParams, model: string): Usage {
  if (params.prompt === undefined && params.completion === undefined) {
    throw new BadRequestError('completionCost needs usage, a completion_response with usage, or prompt/completion text', {
      param: 'usage',
      model,
    });
  }
  const prompt = params.prompt === undefined ? 0 : tokenCounter({ model, text: params.prompt });
  const completion = params.completion === undefined ? 0 : tokenCounter({ model, text: params.completion });
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}
