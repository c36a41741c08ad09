// Canonical sampling, output-format and reasoning parameters → Gemini `generationConfig`.

import type { ChatCompletionRequest, ReasoningEffort, ResponseFormat, ThinkingParam } from '../../spec/index.js';
import type { GeminiGenerationConfig } from './gemini-api.js';
import { checkThinkingParam } from '../check-thinking-param.js';
import { convertToSamplingParams } from '../convert-to-sampling-params.js';

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

export function convertToGeminiGenerationConfig(request: ChatCompletionRequest, warnings: string[]): GeminiGenerationConfig | undefined {
  const config: GeminiGenerationConfig = convertToSamplingParams<GeminiGenerationConfig>(request, {
    temperature: 'temperature',
    top_p: 'topP',
    top_k: 'topK',
    max_tokens: 'maxOutputTokens',
    stop: 'stopSequences',
    n: 'candidateCount',
    seed: 'seed',
    presence_penalty: 'presencePenalty',
    frequency_penalty: 'frequencyPenalty',
  });
  Object.assign(config, toOutputFormat(request.response_format));
  if (request.thinking !== undefined && request.thinking !== null) {
    if (request.reasoning_effort !== undefined) warnings.push('reasoning_effort ignored: thinking sets the Gemini thinking budget exactly');
    config.thinkingConfig = toThinkingConfig(checkThinkingParam(request.thinking));
  } else if (request.reasoning_effort !== undefined) {
    // includeThoughts: asking for reasoning effort means wanting to see the reasoning too.
    config.thinkingConfig = { thinkingBudget: GEMINI_THINKING_BUDGET[request.reasoning_effort], includeThoughts: true };
  }
  return Object.keys(config).length === 0 ? undefined : config;
}

/**
 * Anthropic's thinking parameter as LiteLLM maps it: the budget as thinkingBudget, thoughts
 * shown unless the budget is 0. `disabled` sends budget 0, which turns thinking off where the
 * model allows it; LiteLLM sends nothing there, so the model went on thinking at its default.
 */
function toThinkingConfig(thinking: ThinkingParam): NonNullable<GeminiGenerationConfig['thinkingConfig']> {
  switch (thinking.type) {
    case 'enabled':
      return thinking.budget_tokens === 0 ? { thinkingBudget: 0 } : { thinkingBudget: thinking.budget_tokens, includeThoughts: true };
    case 'disabled':
      return { thinkingBudget: 0 };
    default: {
      const exhaustive: never = thinking;
      throw new Error(`unknown thinking type ${JSON.stringify(exhaustive)}`);
    }
  }
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
