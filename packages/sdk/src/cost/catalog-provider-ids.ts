// Which provider of the price catalog (@pydantic/genai-prices) prices an llmux / LiteLLM
// provider id. Data only: a provider missing here is looked up under its own id, which
// the catalog may still recognise (its providers declare their own aliases).

import { splitProviderModel } from '../providers/split-provider-model.js';

/** llmux / LiteLLM provider id → the catalog's provider id. */
const CATALOG_PROVIDER_IDS: Readonly<Record<string, string>> = {
  openai: 'openai',
  'text-completion-openai': 'openai',
  azure: 'azure',
  azure_ai: 'azure',
  anthropic: 'anthropic',
  bedrock: 'aws',
  bedrock_converse: 'aws',
  vertex_ai: 'google',
  vertex_ai_beta: 'google',
  gemini: 'google',
  deepseek: 'deepseek',
  groq: 'groq',
  mistral: 'mistral',
  codestral: 'mistral',
  xai: 'x-ai',
  together_ai: 'together',
  fireworks_ai: 'fireworks',
  openrouter: 'openrouter',
  perplexity: 'perplexity',
  cerebras: 'cerebras',
  cohere: 'cohere',
  cohere_chat: 'cohere',
  moonshot: 'moonshotai',
  minimax: 'minimax',
  zai: 'zai',
  cloudflare: 'cloudflare',
  novita: 'novita',
  voyage: 'voyageai',
  github_copilot: 'github-copilot',
  ovhcloud: 'ovhcloud',
  baseten: 'baseten',
  // nvidia_nim, meta_llama, sambanova, deepinfra, nebius, hyperbolic, lambda_ai, nscale,
  // featherless_ai, dashscope, volcengine, the gateways (vercel_ai_gateway, helicone, poe, ...)
  // and watsonx have no catalog entry yet: unpriced (flagged model_price_not_found) unless the
  // deployment sets input_cost_per_token / output_cost_per_token.
};

/**
 * Providers that route to another inference provider named by the model's first path
 * segment (`huggingface/together/deepseek-ai/DeepSeek-R1`), priced by the catalog as
 * `<prefix><segment>`.
 */
const ROUTED_PROVIDER_PREFIXES: Readonly<Record<string, string>> = {
  huggingface: 'huggingface_',
};

/** Self-hosted runtimes: no vendor bills per token, so their calls cost 0 unless overridden. */
const SELF_HOSTED_PROVIDERS: ReadonlySet<string> = new Set([
  'ollama',
  'ollama_chat',
  'lm_studio',
  'llamafile',
  'vllm',
  'hosted_vllm',
  'xinference',
  'docker_model_runner',
  'lemonade',
]);

/**
 * Proxies that pass the model name through to the vendor that serves it (`litellm_proxy/gpt-4o`
 * is gpt-4o): priced as the bare model, the catalog inferring its provider.
 */
const PASS_THROUGH_PROXIES: ReadonlySet<string> = new Set(['litellm_proxy', 'openai_like', 'custom_openai']);

export interface CatalogReference {
  /** The catalog's provider id; undefined lets the catalog infer the provider from the model. */
  providerId: string | undefined;
  model: string;
}

/** Where the catalog prices this call, or 'self-hosted' for runtimes that cost nothing. */
export function toCatalogReference(provider: string, model: string): CatalogReference | 'self-hosted' {
  if (SELF_HOSTED_PROVIDERS.has(provider)) return 'self-hosted';
  const prefix = ROUTED_PROVIDER_PREFIXES[provider];
  if (prefix !== undefined) {
    const routed = splitProviderModel(model);
    if (routed.provider !== '') return { providerId: prefix + routed.provider, model: routed.model };
  }
  if (provider === '' || PASS_THROUGH_PROXIES.has(provider)) return { providerId: undefined, model };
  return { providerId: CATALOG_PROVIDER_IDS[provider] ?? provider, model };
}
