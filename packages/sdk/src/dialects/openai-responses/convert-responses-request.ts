// OpenAI Responses request → canonical chat request, for deployments that do not speak the
// Responses API. Every field is carried, or refused with UnsupportedParamsError, or (under
// drop_params) dropped with a warning naming it; nothing disappears without a word.

import { BadRequestError } from '../../errors/error-classes.js';
import type { ChatCompletionRequest, FunctionTool, ReasoningEffort, ToolChoice } from '../../spec/index.js';
import { createTranslationReport, type TranslationReport } from '../anthropic-messages/create-translation-report.js';
import type { ResponsesRequest } from './openai-responses-api.js';
import { convertResponsesInput } from './convert-responses-input.js';

export interface ConvertedResponsesRequest {
  request: ChatCompletionRequest;
  warnings: string[];
}

export interface ConvertResponsesOptions {
  dropParams: boolean;
  /** Top-level fields the caller has read itself (routing fields, `store`): not reported. */
  callerFields?: ReadonlySet<string>;
}

/** Top-level fields the bridge carries (read below); any other field the client sent is reported. */
export const BRIDGED_RESPONSES_FIELDS = [
  'model',
  'input',
  'instructions',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'text',
  'max_output_tokens',
  'temperature',
  'top_p',
  'reasoning',
  'stream',
  'user',
  'metadata',
  'include',
  'prompt_cache_key',
] as const;

const HANDLED_FIELDS: ReadonlySet<string> = new Set(BRIDGED_RESPONSES_FIELDS);

const EFFORTS: ReadonlySet<string> = new Set(['minimal', 'low', 'medium', 'high']);

export function convertResponsesRequest(body: ResponsesRequest, options: ConvertResponsesOptions): ConvertedResponsesRequest {
  const report = createTranslationReport(options.dropParams);
  for (const [field, value] of Object.entries(body)) {
    if (HANDLED_FIELDS.has(field) || options.callerFields?.has(field) === true || value === undefined || value === null) continue;
    report.unsupported(field, 'the canonical request has no such field');
  }
  const warnings: string[] = [];
  const request: ChatCompletionRequest = { model: body.model, messages: convertResponsesInput(body, report, warnings) };
  // OpenAI needs input unless it continues a stored response, which a bridged call cannot do.
  if (!request.messages.some((message) => message.role !== 'system' && message.role !== 'developer')) {
    throw new BadRequestError("Missing required parameter: 'input' (a string or at least one input item)", { param: 'input', code: 'missing_required_parameter' });
  }
  if (typeof body.max_output_tokens === 'number') request.max_completion_tokens = body.max_output_tokens;
  if (typeof body.temperature === 'number') request.temperature = body.temperature;
  if (typeof body.top_p === 'number') request.top_p = body.top_p;
  if (typeof body.parallel_tool_calls === 'boolean') request.parallel_tool_calls = body.parallel_tool_calls;
  if (typeof body.user === 'string') request.user = body.user;
  if (body.metadata !== undefined && body.metadata !== null) request.metadata = body.metadata;
  const tools = convertTools(body.tools, report);
  if (tools.length > 0) request.tools = tools;
  const choice = convertToolChoice(body.tool_choice, report);
  if (choice !== undefined) request.tool_choice = choice;
  convertText(body.text, request, report);
  convertReasoning(body.reasoning, request, report);
  convertHints(body, report, warnings);
  if (body.stream === true) {
    request.stream = true;
    // response.completed reports usage, which OpenAI-style streams send only on request.
    request.stream_options = { include_usage: true };
  }
  return { request, warnings: [...report.finish(), ...warnings] };
}

/** The flattened Responses function tool → the chat tool; built-in tools have no canonical form. */
function convertTools(tools: ResponsesRequest['tools'], report: TranslationReport): FunctionTool[] {
  const converted: FunctionTool[] = [];
  (tools ?? []).forEach((tool, index) => {
    if (tool.type !== 'function' || typeof tool['name'] !== 'string') {
      report.unsupported(`tools.${index}`, `tool type "${tool.type}" is built into OpenAI's servers only`);
      return;
    }
    const fn: FunctionTool['function'] = { name: tool['name'] };
    if (typeof tool['description'] === 'string') fn.description = tool['description'];
    if (typeof tool['parameters'] === 'object' && tool['parameters'] !== null) fn.parameters = tool['parameters'] as Record<string, unknown>;
    if (typeof tool['strict'] === 'boolean') fn.strict = tool['strict'];
    converted.push({ type: 'function', function: fn });
  });
  return converted;
}

function convertToolChoice(choice: ResponsesRequest['tool_choice'], report: TranslationReport): ToolChoice | undefined {
  if (choice === undefined || choice === null) return undefined;
  if (typeof choice === 'string') return choice;
  if (choice.type === 'function' && typeof choice.name === 'string') return { type: 'function', function: { name: choice.name } };
  report.unsupported('tool_choice', `tool_choice type "${choice.type}" has no canonical form`);
  return undefined;
}

/** `text.format` (structured output) → response_format; `text.verbosity` has no canonical field. */
function convertText(text: ResponsesRequest['text'], request: ChatCompletionRequest, report: TranslationReport): void {
  if (text === undefined || text === null) return;
  for (const [field, value] of Object.entries(text)) {
    if (value !== undefined && value !== null && field !== 'format') report.unsupported(`text.${field}`, 'the canonical request has no such field');
  }
  const format = text.format;
  if (format === undefined || format === null || format.type === 'text') return;
  if (format.type === 'json_object') request.response_format = { type: 'json_object' };
  else if (format.type === 'json_schema') {
    const schema: Extract<ChatCompletionRequest['response_format'], { type: 'json_schema' }>['json_schema'] = { name: format.name ?? 'output' };
    if (format.schema !== undefined) schema.schema = format.schema;
    if (typeof format.description === 'string') schema.description = format.description;
    if (typeof format.strict === 'boolean') schema.strict = format.strict;
    request.response_format = { type: 'json_schema', json_schema: schema };
  } else report.unsupported('text.format', `output format "${format.type}" has no canonical form`);
}

function convertReasoning(reasoning: ResponsesRequest['reasoning'], request: ChatCompletionRequest, report: TranslationReport): void {
  if (reasoning === undefined || reasoning === null) return;
  for (const [field, value] of Object.entries(reasoning)) {
    if (value === undefined || value === null) continue;
    if (field === 'effort' && typeof value === 'string' && EFFORTS.has(value)) request.reasoning_effort = value as ReasoningEffort;
    // A summary is what the canonical form returns anyway (reasoning text where the provider shows it).
    else if (field === 'summary' || field === 'generate_summary') continue;
    else report.unsupported(`reasoning.${field}`, field === 'effort' ? `effort "${String(value)}" has no canonical form` : 'the canonical request has no such field');
  }
}

/**
 * Hints that leave the answer unchanged are ignored with a warning, not refused (Codex sends
 * both on every call): a prompt-cache key, and asking for encrypted reasoning, which only
 * OpenAI can produce (reasoning comes back as summary text instead). Other `include` values
 * ask for output the canonical form does not have.
 */
function convertHints(body: ResponsesRequest, report: TranslationReport, warnings: string[]): void {
  if (typeof body['prompt_cache_key'] === 'string') warnings.push('ignored "prompt_cache_key": only OpenAI deployments take it');
  const include = body['include'];
  if (!Array.isArray(include)) return;
  include.forEach((value: unknown, index) => {
    if (value === 'reasoning.encrypted_content') warnings.push('ignored include "reasoning.encrypted_content": reasoning comes back as summary text');
    else report.unsupported(`include.${index}`, `"${String(value)}" has no canonical form`);
  });
}
