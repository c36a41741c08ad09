// Anthropic `tools` + `tool_choice` → canonical function tools, tool_choice and
// parallel_tool_calls. Server tools (web search, code execution, bash, …) run inside
// Anthropic's API, so no other provider can honour them.

import type { ChatCompletionRequest, FunctionTool, ToolChoice } from '../../spec/index.js';
import type { AnthropicCountTokensRequest, AnthropicToolChoiceParam, AnthropicToolParam } from './anthropic-messages-api.js';
import { noteCacheControl } from './convert-anthropic-content.js';
import type { TranslationReport } from './create-translation-report.js';

type ToolSettings = Pick<ChatCompletionRequest, 'tools' | 'tool_choice' | 'parallel_tool_calls'>;

/** Tool fields the canonical function tool carries (cache_control is a hint, see the report). */
const TOOL_FIELDS: ReadonlySet<string> = new Set(['name', 'type', 'description', 'input_schema', 'strict', 'cache_control']);

export function convertAnthropicTools(body: Pick<AnthropicCountTokensRequest, 'tools' | 'tool_choice'>, report: TranslationReport): ToolSettings {
  const tools: FunctionTool[] = [];
  (body.tools ?? []).forEach((tool, index) => {
    const converted = convertTool(tool, `tools[${index}]`, report);
    if (converted !== undefined) tools.push(converted);
  });
  const settings: ToolSettings = {};
  if (tools.length > 0) settings.tools = tools;
  const choice = body.tool_choice;
  if (choice === undefined || choice === null) return settings;

  if (tools.length === 0) {
    // Without tools, "auto" and "none" ask for nothing; forcing a tool cannot be honoured.
    if (choice.type !== 'auto' && choice.type !== 'none') report.unsupported('tool_choice', 'no tool is left to choose');
    return settings;
  }
  settings.tool_choice = convertToolChoice(choice);
  if (choice.type !== 'none' && choice.disable_parallel_tool_use === true) settings.parallel_tool_calls = false;
  return settings;
}

function convertTool(tool: AnthropicToolParam, param: string, report: TranslationReport): FunctionTool | undefined {
  if (tool.type !== undefined && tool.type !== null && tool.type !== 'custom') {
    report.unsupported(param, `the server tool "${tool.type}" runs only on Anthropic`);
    return undefined;
  }
  noteCacheControl(tool.cache_control, param, report);
  for (const [field, value] of Object.entries(tool)) {
    if (!TOOL_FIELDS.has(field) && value !== undefined && value !== null) report.unsupported(`${param}.${field}`, 'function tools have no such field');
  }
  const fn: FunctionTool['function'] = { name: tool.name, parameters: tool.input_schema ?? { type: 'object', properties: {} } };
  if (tool.description !== undefined && tool.description !== null) fn.description = tool.description;
  if (tool.strict !== undefined && tool.strict !== null) fn.strict = tool.strict;
  return { type: 'function', function: fn };
}

function convertToolChoice(choice: AnthropicToolChoiceParam): ToolChoice {
  switch (choice.type) {
    case 'auto':
      return 'auto';
    case 'any':
      return 'required';
    case 'none':
      return 'none';
    case 'tool':
      return { type: 'function', function: { name: choice.name } };
    default: {
      const exhaustive: never = choice;
      throw new Error(`unknown tool_choice ${JSON.stringify(exhaustive)}`);
    }
  }
}
