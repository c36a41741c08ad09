// Gateways and marketplaces that resell many vendors' models behind one OpenAI-compatible
// API (OpenRouter's row is with the first rows). Facts from LiteLLM, as `source` names.

import type { OpenAIProviderConfig } from '../openai/openai-provider-config.js';
import { createKeyedRow as row } from './create-keyed-row.js';
import { MAX_TOKENS_ONLY } from './shared-quirks.js';

const PROVIDER_LOGIC = 'litellm_core_utils/get_llm_provider_logic.py';
const JSON_ROWS = 'llms/openai_like/providers.json';

export const MODEL_GATEWAY_PROVIDERS: readonly OpenAIProviderConfig[] = [
  // GitHub Models: a GitHub token as the key.
  row('github', 'https://models.inference.ai.azure.com', ['GITHUB_API_KEY'], ['GITHUB_API_BASE'], PROVIDER_LOGIC),
  row(
    'vercel_ai_gateway',
    'https://ai-gateway.vercel.sh/v1',
    ['VERCEL_AI_GATEWAY_API_KEY', 'VERCEL_OIDC_TOKEN'],
    ['VERCEL_AI_GATEWAY_API_BASE'],
    'llms/vercel_ai_gateway/chat/transformation.py',
    {
      embeddings: true,
    },
  ),
  row('helicone', 'https://ai-gateway.helicone.ai', ['HELICONE_API_KEY'], [], JSON_ROWS),
  row('aihubmix', 'https://aihubmix.com/v1', ['AIHUBMIX_API_KEY'], ['AIHUBMIX_API_BASE'], JSON_ROWS),
  row('poe', 'https://api.poe.com/v1', ['POE_API_KEY'], [], JSON_ROWS, { quirks: { renameParams: MAX_TOKENS_ONLY } }),
  row('nano-gpt', 'https://nano-gpt.com/api/v1', ['NANOGPT_API_KEY'], [], JSON_ROWS, { quirks: { renameParams: MAX_TOKENS_ONLY } }),
  row('apertis', 'https://api.stima.tech/v1', ['STIMA_API_KEY'], [], JSON_ROWS, { quirks: { renameParams: MAX_TOKENS_ONLY } }),
  row('llamagate', 'https://api.llamagate.dev/v1', ['LLAMAGATE_API_KEY'], [], JSON_ROWS, { quirks: { renameParams: MAX_TOKENS_ONLY } }),
  row('assemblyai', 'https://llm-gateway.assemblyai.com/v1', ['ASSEMBLYAI_API_KEY'], [], JSON_ROWS),
  row('cometapi', 'https://api.cometapi.com/v1', ['COMETAPI_KEY', 'COMETAPI_API_KEY'], ['COMETAPI_API_BASE'], 'llms/cometapi/chat/transformation.py', { embeddings: true }),
  row('aiml', 'https://api.aimlapi.com/v1', ['AIML_API_KEY'], ['AIML_API_BASE'], 'llms/aiml/chat/transformation.py'),
  // Clarifai's OpenAI-compatible endpoint takes a personal access token as the key.
  row('clarifai', 'https://api.clarifai.com/v2/ext/openai/v1', ['CLARIFAI_PAT', 'CLARIFAI_API_KEY'], ['CLARIFAI_API_BASE'], 'llms/clarifai/chat/transformation.py'),
];
