// The environment variables each native adapter reads, as data for `llmux --list-providers`
// and the README's provider table (OpenAI-compatible rows declare their own). Kept beside
// the adapters, and kept in step with them by hand.

import { REPLICATE_ENV } from './replicate/send-replicate-request.js';
import { WATSONX_ENV } from './watsonx/resolve-watsonx-settings.js';

export interface ProviderEnv {
  /** Variables holding the credential, in order of preference. */
  readonly key: readonly string[];
  /** Variables that override the address, or that the address is built from. */
  readonly base: readonly string[];
}

const AWS: ProviderEnv = { key: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'], base: ['AWS_REGION', 'AWS_DEFAULT_REGION'] };
const OLLAMA: ProviderEnv = { key: ['OLLAMA_API_KEY'], base: ['OLLAMA_API_BASE'] };
const COHERE: ProviderEnv = { key: ['COHERE_API_KEY', 'CO_API_KEY'], base: ['COHERE_API_BASE'] };
const WATSONX: ProviderEnv = {
  key: [...WATSONX_ENV.apiKey, ...WATSONX_ENV.token, ...WATSONX_ENV.zenApiKey],
  base: [...WATSONX_ENV.url, ...WATSONX_ENV.project, ...WATSONX_ENV.space, ...WATSONX_ENV.iamUrl],
};

export const NATIVE_PROVIDER_ENV: Readonly<Record<string, ProviderEnv>> = {
  anthropic: { key: ['ANTHROPIC_API_KEY'], base: ['ANTHROPIC_API_BASE'] },
  azure: {
    key: ['AZURE_API_KEY', 'AZURE_OPENAI_API_KEY', 'AZURE_AD_TOKEN', 'AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET'],
    base: ['AZURE_API_BASE', 'AZURE_OPENAI_ENDPOINT', 'AZURE_API_VERSION', 'OPENAI_API_VERSION'],
  },
  bedrock: { key: AWS.key, base: [...AWS.base, 'AWS_BEDROCK_RUNTIME_ENDPOINT'] },
  sagemaker: AWS,
  sagemaker_chat: AWS,
  ollama: OLLAMA,
  ollama_chat: OLLAMA,
  cohere: COHERE,
  cohere_chat: COHERE,
  gemini: { key: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'], base: ['GEMINI_API_BASE'] },
  vertex_ai: { key: ['GOOGLE_APPLICATION_CREDENTIALS'], base: ['VERTEXAI_PROJECT', 'GOOGLE_CLOUD_PROJECT', 'VERTEXAI_LOCATION'] },
  deepgram: { key: ['DEEPGRAM_API_KEY'], base: ['DEEPGRAM_API_BASE'] },
  elevenlabs: { key: ['ELEVENLABS_API_KEY'], base: ['ELEVENLABS_API_BASE'] },
  replicate: { key: REPLICATE_ENV.key, base: REPLICATE_ENV.base },
  watsonx: WATSONX,
  watsonx_text: WATSONX,
};
