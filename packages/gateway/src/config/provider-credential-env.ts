// The environment variables each provider's adapter reads for its API key, when a deployment
// gives no `api_key`: declared data for the startup warning and `llmux --help`. Native
// adapters are listed here; OpenAI-compatible rows that require a key declare their own
// variables in the SDK (keyEnvOf reads both). Providers that authenticate otherwise (AWS,
// Google, Azure AD) or need no key (ollama, vLLM) are absent.

import { describeProviders, getDefaultProviderRegistry } from 'llmux';

const PROVIDER_KEY_ENV: Readonly<Record<string, readonly string[]>> = {
  openai: ['OPENAI_API_KEY'],
  anthropic: ['ANTHROPIC_API_KEY'],
  azure: ['AZURE_API_KEY', 'AZURE_OPENAI_API_KEY', 'AZURE_AD_TOKEN'],
  gemini: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
  cohere: ['COHERE_API_KEY', 'CO_API_KEY'],
  deepseek: ['DEEPSEEK_API_KEY'],
  groq: ['GROQ_API_KEY'],
  mistral: ['MISTRAL_AZURE_API_KEY', 'MISTRAL_API_KEY'],
  xai: ['XAI_API_KEY'],
  nvidia_nim: ['NVIDIA_NIM_API_KEY'],
  together_ai: ['TOGETHER_API_KEY', 'TOGETHER_AI_API_KEY', 'TOGETHERAI_API_KEY', 'TOGETHER_AI_TOKEN'],
  fireworks_ai: ['FIREWORKS_API_KEY', 'FIREWORKS_AI_API_KEY', 'FIREWORKSAI_API_KEY', 'FIREWORKS_AI_TOKEN'],
  openrouter: ['OPENROUTER_API_KEY', 'OR_API_KEY'],
  perplexity: ['PERPLEXITYAI_API_KEY', 'PERPLEXITY_API_KEY'],
  cerebras: ['CEREBRAS_API_KEY'],
  meta_llama: ['LLAMA_API_KEY'],
  huggingface: ['HF_TOKEN', 'HUGGINGFACE_API_KEY'],
};

/** Deployment settings that carry a credential of their own, so no env key is needed. */
export const CREDENTIAL_PARAMS = ['api_key', 'azure_ad_token', 'aws_access_key_id', 'vertex_credentials'];

let rowKeyEnv: ReadonlyMap<string, readonly string[]> | undefined;

/** The key variables of a provider that needs a key, or undefined (no key, or not by variable). */
export function keyEnvOf(provider: string): readonly string[] | undefined {
  rowKeyEnv ??= new Map(
    describeProviders(getDefaultProviderRegistry())
      .filter((row) => row.apiKey === 'required' && row.keyEnv.length > 0)
      .map((row) => [row.id, row.keyEnv]),
  );
  return PROVIDER_KEY_ENV[provider] ?? rowKeyEnv.get(provider);
}
