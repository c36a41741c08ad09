// Ollama metrics → canonical usage. The counts are omitted when zero (Go `omitempty`), so an
// absent count is 0, not unknown.

import type { Usage } from '../../spec/index.js';
import type { OllamaChunk } from './ollama-api.js';

export function convertOllamaUsage(chunk: Pick<OllamaChunk, 'prompt_eval_count' | 'eval_count'>): Usage {
  const promptTokens = chunk.prompt_eval_count ?? 0;
  const completionTokens = chunk.eval_count ?? 0;
  return { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
}
