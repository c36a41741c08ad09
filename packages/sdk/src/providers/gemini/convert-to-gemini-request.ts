// Canonical chat request → Gemini generateContent body. Only parameters declared in the
// adapter's supportedParams reach here (check-params removed or rejected the rest).

import type { ChatCompletionRequest } from '../../spec/index.js';
import type { GeminiRequestBody } from './gemini-api.js';
import { convertToGeminiContents } from './convert-to-gemini-contents.js';
import { convertToGeminiGenerationConfig } from './convert-to-gemini-generation-config.js';
import { convertToGeminiTools } from './convert-to-gemini-tools.js';

export function convertToGeminiRequest(request: ChatCompletionRequest, warnings: string[]): GeminiRequestBody {
  const { systemInstruction, contents } = convertToGeminiContents(request.messages);
  const body: GeminiRequestBody = { contents };
  if (systemInstruction !== undefined) body.systemInstruction = systemInstruction;
  Object.assign(body, convertToGeminiTools(request, warnings));
  const generationConfig = convertToGeminiGenerationConfig(request);
  if (generationConfig !== undefined) body.generationConfig = generationConfig;
  return body;
}
