// Canonical tools, tool_choice, parallel_tool_calls and response_format → Anthropic
// `tools` + `tool_choice`. Anthropic has no JSON-schema output mode here, so a JSON
// response_format becomes one more tool whose input schema is the requested schema; the
// response converters turn that tool's input back into the assistant's text.

import type { ChatCompletionRequest, FunctionTool, ToolChoice } from '../../spec/index.js';
import type { AnthropicTool, AnthropicToolChoice } from './anthropic-api.js';

/** The tool that carries a structured-output reply. */
export const JSON_TOOL_NAME = 'json_tool_call';

export interface AnthropicToolSettings {
  tools?: AnthropicTool[];
  tool_choice?: AnthropicToolChoice;
  /** True when the reply arrives through the JSON tool and must become text content. */
  jsonMode: boolean;
}

type ToolRequest = Pick<ChatCompletionRequest, 'tools' | 'tool_choice' | 'parallel_tool_calls' | 'response_format'>;

export function convertToAnthropicTools(request: ToolRequest, thinking: boolean, warnings: string[]): AnthropicToolSettings {
  const tools = (request.tools ?? []).map(toAnthropicTool);
  const disableParallel = request.parallel_tool_calls === false;
  const jsonTool = toJsonTool(request.response_format);
  if (jsonTool === undefined) {
    if (tools.length === 0) return { jsonMode: false };
    return { tools, tool_choice: withParallel(toToolChoice(request.tool_choice), disableParallel), jsonMode: false };
  }

  let choice: AnthropicToolChoice | undefined;
  if (thinking) {
    // Anthropic refuses a forced tool while thinking is on, so the model is only offered it.
    choice = { type: 'auto' };
    warnings.push(`response_format is emulated with the "${JSON_TOOL_NAME}" tool, which cannot be forced while reasoning is on; the reply may not be JSON`);
  } else if (tools.length === 0 || request.tool_choice === 'none') {
    choice = { type: 'tool', name: JSON_TOOL_NAME };
  } else if (typeof request.tool_choice === 'object') {
    choice = { type: 'tool', name: request.tool_choice.function.name };
  } else {
    // With the caller's tools on offer, the model must either call one or answer in JSON.
    choice = { type: 'any' };
  }
  return { tools: [...tools, jsonTool], tool_choice: withParallel(choice, disableParallel), jsonMode: true };
}

function toAnthropicTool(tool: FunctionTool): AnthropicTool {
  const { name, description, parameters } = tool.function;
  return {
    name,
    ...(description === undefined ? {} : { description }),
    // Anthropic requires an object schema even for a tool without parameters.
    input_schema: parameters ?? { type: 'object', properties: {} },
    ...(tool.cache_control === undefined ? {} : { cache_control: tool.cache_control }),
  };
}

function toJsonTool(format: ChatCompletionRequest['response_format']): AnthropicTool | undefined {
  if (format === undefined) return undefined;
  switch (format.type) {
    case 'text':
      return undefined;
    case 'json_object':
      return { name: JSON_TOOL_NAME, description: 'Respond with a JSON object.', input_schema: { type: 'object' } };
    case 'json_schema':
      return {
        name: JSON_TOOL_NAME,
        description: format.json_schema.description ?? `Respond with a JSON object that matches the "${format.json_schema.name}" schema.`,
        input_schema: format.json_schema.schema ?? { type: 'object' },
      };
    default: {
      const exhaustive: never = format;
      throw new Error(`unknown response_format ${JSON.stringify(exhaustive)}`);
    }
  }
}

function toToolChoice(choice: ToolChoice | undefined): AnthropicToolChoice | undefined {
  if (choice === undefined) return undefined;
  if (typeof choice === 'object') return { type: 'tool', name: choice.function.name };
  switch (choice) {
    case 'auto':
      return { type: 'auto' };
    case 'required':
      return { type: 'any' };
    case 'none':
      return { type: 'none' };
    default: {
      const exhaustive: never = choice;
      throw new Error(`unknown tool_choice ${String(exhaustive)}`);
    }
  }
}

function withParallel(choice: AnthropicToolChoice | undefined, disable: boolean): AnthropicToolChoice | undefined {
  if (!disable) return choice;
  if (choice === undefined) return { type: 'auto', disable_parallel_tool_use: true };
  if (choice.type === 'none') return choice;
  return { ...choice, disable_parallel_tool_use: true };
}
