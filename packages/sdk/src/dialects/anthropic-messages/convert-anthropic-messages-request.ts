// Anthropic Messages request → canonical chat request, for deployments whose provider does
// not speak Anthropic. Every field is carried, or refused with UnsupportedParamsError, or
// (drop_params) dropped with a warning that names it; nothing disappears without a word.

import type { ChatCompletionRequest } from '../../spec/index.js';
import type { AnthropicCountTokensRequest, AnthropicMessagesRequest } from './anthropic-messages-api.js';
import { convertAnthropicMessagesPrompt } from './convert-anthropic-messages-prompt.js';
import { convertAnthropicReasoning } from './convert-anthropic-reasoning.js';
import { convertAnthropicTools } from './convert-anthropic-tools.js';
import { createTranslationReport, type TranslationReport } from './create-translation-report.js';

export interface ConvertedAnthropicMessagesRequest {
  request: ChatCompletionRequest;
  warnings: string[];
}

/** Top-level fields read below; any other field the client sent is reported. */
const HANDLED_FIELDS: ReadonlySet<string> = new Set([
  'model',
  'messages',
  'max_tokens',
  'system',
  'stream',
  'tools',
  'tool_choice',
  'stop_sequences',
  'temperature',
  'top_p',
  'top_k',
  'thinking',
  'metadata',
  'output_config',
  'cache_control',
]);

export interface ConvertAnthropicMessagesOptions {
  dropParams: boolean;
  /** Top-level fields the caller has read itself (routing fields such as `fallbacks` or `tags`): not reported. */
  callerFields?: ReadonlySet<string>;
}

export function convertAnthropicMessagesRequest(
  body: AnthropicMessagesRequest | AnthropicCountTokensRequest,
  options: ConvertAnthropicMessagesOptions,
): ConvertedAnthropicMessagesRequest {
  const report = createTranslationReport(options.dropParams);
  for (const [field, value] of Object.entries(body)) {
    if (HANDLED_FIELDS.has(field) || options.callerFields?.has(field) === true || value === undefined || value === null) continue;
    report.unsupported(field, 'the canonical request has no such field');
  }

  const request: ChatCompletionRequest = { model: body.model, messages: convertAnthropicMessagesPrompt(body, report) };
  // The current spelling: OpenAI's reasoning models refuse max_tokens, and the rows that
  // want max_tokens rename it (renameParams), as every other provider reads both.
  if (body.max_tokens !== undefined) request.max_completion_tokens = body.max_tokens;
  Object.assign(request, convertAnthropicTools(body, report));
  if (body.stop_sequences !== undefined && body.stop_sequences !== null && body.stop_sequences.length > 0) request.stop = body.stop_sequences;
  if (body.temperature !== undefined && body.temperature !== null) request.temperature = body.temperature;
  if (body.top_p !== undefined && body.top_p !== null) request.top_p = body.top_p;
  if (body.top_k !== undefined && body.top_k !== null) report.unsupported('top_k', 'the canonical request has no top_k');
  convertMetadata(body.metadata, request, report);
  const effort = convertAnthropicReasoning(body, report);
  if (effort !== undefined) request.reasoning_effort = effort;
  convertOutputFormat(body.output_config, request, report);
  if (body.cache_control !== undefined && body.cache_control !== null) report.cacheHint('cache_control');
  if (body.stream === true) {
    request.stream = true;
    // The closing message_delta reports usage, which OpenAI-style streams send only on request.
    request.stream_options = { include_usage: true };
  }
  return { request, warnings: report.finish() };
}

function convertMetadata(metadata: AnthropicMessagesRequest['metadata'], request: ChatCompletionRequest, report: TranslationReport): void {
  if (metadata === undefined || metadata === null) return;
  for (const [field, value] of Object.entries(metadata)) {
    if (value === undefined || value === null) continue;
    if (field === 'user_id' && typeof value === 'string') request.user = value;
    else report.unsupported(`metadata.${field}`, 'Anthropic metadata carries only user_id, which becomes user');
  }
}

/** `output_config.format` (structured output) → response_format; `effort` is read with thinking. */
function convertOutputFormat(config: AnthropicMessagesRequest['output_config'], request: ChatCompletionRequest, report: TranslationReport): void {
  if (config === undefined || config === null) return;
  for (const [field, value] of Object.entries(config)) {
    if (value === undefined || value === null || field === 'effort') continue;
    if (field !== 'format') report.unsupported(`output_config.${field}`, 'the canonical request has no such field');
  }
  const format = config.format;
  if (format === undefined || format === null) return;
  if (format.type !== 'json_schema') {
    report.unsupported('output_config.format', `output format "${format.type}" has no canonical form`);
    return;
  }
  request.response_format = { type: 'json_schema', json_schema: { name: 'output', schema: format.schema ?? { type: 'object' }, strict: true } };
}
