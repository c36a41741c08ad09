// Canonical sampling, output-format and reasoning parameters → Gemini `generationConfig`.

import type { ChatCompletionRequest, ReasoningEffort, ResponseFormat } from '../../spec/index.js';
import type { GeminiGenerationConfig } from './gemini-api.js';

/**
 * Thinking budget per reasoning_effort. 512 is the smallest budget every Gemini 2.5 model
 * accepts (Flash-Lite's minimum); 24576 is Flash's maximum, so "high" works on all of them.
 */
const GEMINI_THINKING_BUDGET: Readonly<Record<ReasoningEffort, number>> = {
  minimal: 512,
  low: 1024,
  medium: 8192,
  high: 24576,
};

export function convertToGeminiGenerationConfig(request: ChatCompletionRequest): GeminiGenerationConfig | undefined {
  const config: GeminiGenerationConfig = {};
  if (request.temperature !== undefined && request.temperature !== null) config.temperature = request.temperature;
  if (request.top_p !== undefined && request.top_p !== null) config.topP = request.top_p;
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (maxTokens !== undefined && maxTokens !== null) config.maxOutputTokens = maxTokens;
  if (request.stop !== undefined && request.stop !== null) config.stopSequences = typeof request.stop === 'string' ? [request.stop] : request.stop;
  if (request.n !== undefined && request.n !== null) config.candidateCount = request.n;
  if (request.seed !== undefined && request.seed !== null) config.seed = request.seed;
  if (request.presence_penalty !== undefined && request.presence_penalty !== null) config.presencePenalty = request.presence_penalty;
  if (request.frequency_penalty !== undefined && request.frequency_penalty !== null) config.frequencyPenalty = request.frequency_penalty;
  Object.assign(config, toOutputFormat(request.response_format));
  if (request.reasoning_effort !== undefined) {
    // includeThoughts: asking for reasoning effort means wanting to see the reasoning too.
    config.thinkingConfig = { thinkingBudget: GEMINI_THINKING_BUDGET[request.reasoning_effort], includeThoughts: true };
  }
  return Object.keys(config).length === 0 ? undefined : config;
}

function toOutputFormat(format: ResponseFormat | undefined): Pick<GeminiGenerationConfig, 'responseMimeType' | 'responseJsonSchema'> {
  if (format === undefined) return {};
  switch (format.type) {
    case 'text':
      return {};
    case 'json_object':
      return { responseMimeType: 'application/json' };
    case 'json_schema': {
      const schema = format.json_schema.schema;
      // responseJsonSchema takes JSON Schema as written; responseSchema takes Google's subset only.
      return schema === undefined ? { responseMimeType: 'application/json' } : { responseMimeType: 'application/json', responseJsonSchema: schema };
    }
    default: {
      const exhaustive: never = format;
      throw new Error(`unknown response_format ${JSON.stringify(exhaustive)}`);
    }
  }
}
