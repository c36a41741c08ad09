// The generation settings `/api/chat` and `/api/generate` share: sampling `options`,
// `format` for structured output, and `think` for reasoning models.

import type { ChatCompletionRequest, ReasoningEffort, ResponseFormat } from '../../spec/index.js';
import type { OllamaGenerationFields, OllamaOptions, OllamaThink } from './ollama-api.js';
import { warnIgnoredCacheControl } from '../warn-ignored-cache-control.js';
import { checkThinkingParam } from '../check-thinking-param.js';
import { convertToSamplingParams } from '../convert-to-sampling-params.js';

/**
 * Model families whose `think` takes a level instead of true/false (Ollama documents this
 * for gpt-oss); every other thinking model only switches reasoning on.
 */
const THINK_LEVEL_MODEL_PREFIXES: readonly string[] = ['gpt-oss'];

export type OllamaGenerationSettings = Omit<OllamaGenerationFields, 'model' | 'stream'>;

export function convertToOllamaOptions(request: ChatCompletionRequest, warnings: string[]): OllamaGenerationSettings {
  const settings: OllamaGenerationSettings = {};
  const format = toFormat(request.response_format);
  if (format !== undefined) settings.format = format;
  const options = toOptions(request);
  if (options !== undefined) settings.options = options;
  if (request.thinking !== undefined && request.thinking !== null) {
    // Ollama's think is a switch (or a level), never a token budget.
    const thinking = checkThinkingParam(request.thinking);
    if (thinking.type === 'enabled') warnings.push(`thinking.budget_tokens ${thinking.budget_tokens} is not honoured: Ollama's think only switches reasoning on`);
    if (request.reasoning_effort !== undefined) warnings.push('reasoning_effort ignored: thinking was given');
    settings.think = thinking.type === 'enabled';
  } else if (request.reasoning_effort !== undefined) settings.think = toThink(request.model, request.reasoning_effort, warnings);
  warnIgnoredCacheControl(request.messages, 'Ollama', 'has no prompt caching', warnings);
  return settings;
}

function toOptions(request: ChatCompletionRequest): OllamaOptions | undefined {
  const options: OllamaOptions = convertToSamplingParams<OllamaOptions>(request, {
    temperature: 'temperature',
    top_p: 'top_p',
    top_k: 'top_k',
    max_tokens: 'num_predict',
    stop: 'stop',
    seed: 'seed',
    presence_penalty: 'presence_penalty',
    frequency_penalty: 'frequency_penalty',
  });
  return Object.keys(options).length === 0 ? undefined : options;
}

function toFormat(format: ResponseFormat | undefined): OllamaGenerationFields['format'] {
  if (format === undefined) return undefined;
  switch (format.type) {
    case 'text':
      return undefined;
    case 'json_object':
      return 'json';
    case 'json_schema':
      // Without a schema the caller still asked for JSON; "json" is the closest Ollama has.
      return format.json_schema.schema ?? 'json';
    default: {
      const exhaustive: never = format;
      throw new Error(`unknown response_format ${JSON.stringify(exhaustive)}`);
    }
  }
}

function toThink(model: string, effort: ReasoningEffort, warnings: string[]): OllamaThink {
  if (!THINK_LEVEL_MODEL_PREFIXES.some((prefix) => model.startsWith(prefix))) {
    warnings.push(`reasoning_effort "${effort}" sent to Ollama as think: true; only gpt-oss models take a level`);
    return true;
  }
  switch (effort) {
    case 'minimal':
      warnings.push('reasoning_effort "minimal" sent to Ollama as think "low", its lowest level');
      return 'low';
    case 'low':
    case 'medium':
    case 'high':
      return effort;
    default: {
      const exhaustive: never = effort;
      throw new Error(`unknown reasoning_effort ${String(exhaustive)}`);
    }
  }
}
