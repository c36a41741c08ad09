// Canonical chat request → Gemini generateContent body. Only parameters declared in the
// adapter's supportedParams reach here (check-params removed or rejected the rest).

import type { ChatCompletionRequest } from '../../spec/index.js';
import type { GeminiRequestBody } from './gemini-api.js';
import { convertToGeminiContents } from './convert-to-gemini-contents.js';
import { convertToGeminiGenerationConfig } from './convert-to-gemini-generation-config.js';
import { convertToGeminiTools } from './convert-to-gemini-tools.js';
import { warnIgnoredCacheControl } from '../warn-ignored-cache-control.js';

/** Why cache_control has no Gemini counterpart in llmux (README, provider parameters). */
const CACHE_CONTROL_REASON =
  'has no prompt-caching breakpoints; llmux does not create context caches (cachedContents) from it. Gemini 2.5+ caches repeated prompt prefixes implicitly and reports them as cached_tokens';

export function convertToGeminiRequest(request: ChatCompletionRequest, warnings: string[]): GeminiRequestBody {
  const { systemInstruction, contents } = convertToGeminiContents(request.messages);
  warnIgnoredCacheControl(request.messages, 'Gemini', CACHE_CONTROL_REASON, warnings);
  const body: GeminiRequestBody = { contents };
  if (systemInstruction !== undefined) body.systemInstruction = systemInstruction;
  Object.assign(body, convertToGeminiTools(request, warnings));
  const generationConfig = convertToGeminiGenerationConfig(request, warnings);
  if (generationConfig !== undefined) body.generationConfig = generationConfig;
  return body;
}
