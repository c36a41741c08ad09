// Providers llmux reaches for reranking and embeddings only, as rows of the OpenAI-format
// adapter (their embeddings follow OpenAI's shape; their rerank wire is declared). Ids,
// environment variables and default URLs follow LiteLLM's.

import type { OpenAIProviderConfig } from '../openai/openai-provider-config.js';

export const RERANK_PROVIDERS: readonly OpenAIProviderConfig[] = [
  {
    id: 'jina_ai',
    apiBase: 'https://api.jina.ai/v1',
    apiKeyEnv: ['JINA_AI_API_KEY'],
    apiBaseEnv: ['JINA_AI_API_BASE'],
    apiKey: 'required',
    embeddings: true,
    // Jina names the vector encoding `embedding_type` (float, base64, binary, ubinary).
    embeddingParams: { encoding_format: 'embedding_type' },
    rerank: { path: '/rerank', wire: 'cohere' },
  },
  {
    id: 'voyage',
    apiBase: 'https://api.voyageai.com/v1',
    apiKeyEnv: ['VOYAGE_API_KEY', 'VOYAGE_AI_API_KEY'],
    apiBaseEnv: ['VOYAGE_API_BASE'],
    apiKey: 'required',
    embeddings: true,
    // Voyage names the output size `output_dimension`; it takes OpenAI's `encoding_format` (null or base64) as is.
    embeddingParams: { dimensions: 'output_dimension' },
    rerank: { path: '/rerank', wire: 'voyage' },
  },
  {
    id: 'infinity',
    // A self-hosted Infinity server: only the caller knows where it runs.
    apiBase: undefined,
    apiKeyEnv: ['INFINITY_API_KEY'],
    apiBaseEnv: ['INFINITY_API_BASE'],
    apiKey: 'optional',
    embeddings: true,
    rerank: { path: '/rerank', wire: 'cohere' },
  },
];
