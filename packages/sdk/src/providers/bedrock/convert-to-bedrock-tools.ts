// Canonical tools, tool_choice and response_format → Converse `toolConfig`. The choice of
// tools is the Anthropic provider's (it also emulates a JSON response_format with a forced
// `json_tool_call` tool, and knows what thinking forbids); this file only re-spells its
// result in Converse's vocabulary.

import type { ChatCompletionRequest } from '../../spec/index.js';
import type { AnthropicTool, AnthropicToolChoice } from '../anthropic/anthropic-api.js';
import { convertToAnthropicTools } from '../anthropic/convert-to-anthropic-tools.js';
import type { BedrockCachePoint, BedrockConverseRequest, BedrockTool, BedrockToolChoice } from './bedrock-api.js';
import { CACHE_POINT } from './convert-to-bedrock-messages.js';

export interface BedrockToolSettings {
  toolConfig: BedrockConverseRequest['toolConfig'];
  /** True when the reply arrives through the JSON tool and must become text content. */
  jsonMode: boolean;
}

type ToolRequest = Pick<ChatCompletionRequest, 'tools' | 'tool_choice' | 'response_format'>;

export function convertToBedrockTools(request: ToolRequest, options: { thinking: boolean; usesTools: boolean; cachePoints: boolean; warnings: string[] }): BedrockToolSettings {
  const converted = convertToAnthropicTools(request, options.thinking, options.warnings);
  if (converted.tools === undefined) return { toolConfig: undefined, jsonMode: false };
  // A tool marked with cache_control is followed by a cache point.
  const tools = converted.tools.flatMap((tool): Array<BedrockTool | BedrockCachePoint> => {
    const spec = toBedrockTool(tool);
    if (tool.cache_control === undefined) return [spec];
    if (options.cachePoints) return [spec, CACHE_POINT];
    options.warnings.push(`dropped cache_control on tool "${tool.name}": this Bedrock model takes no cache points through Converse`);
    return [spec];
  });
  const choice = converted.tool_choice;
  if (choice?.type === 'none') {
    // Converse has no "none". Tools are left out, unless earlier turns used them: Converse
    // then requires the toolConfig, and the model may call one.
    if (!options.usesTools) return { toolConfig: undefined, jsonMode: converted.jsonMode };
    options.warnings.push('tool_choice "none" is not supported by Bedrock Converse; tools were sent with automatic choice');
    return { toolConfig: { tools }, jsonMode: converted.jsonMode };
  }
  const toolChoice = toBedrockToolChoice(choice);
  return { toolConfig: toolChoice === undefined ? { tools } : { tools, toolChoice }, jsonMode: converted.jsonMode };
}

function toBedrockTool(tool: AnthropicTool): BedrockTool {
  return {
    toolSpec: {
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      inputSchema: { json: tool.input_schema },
    },
  };
}

function toBedrockToolChoice(choice: Exclude<AnthropicToolChoice, { type: 'none' }> | undefined): BedrockToolChoice | undefined {
  if (choice === undefined) return undefined;
  switch (choice.type) {
    case 'auto':
      return { auto: {} };
    case 'any':
      return { any: {} };
    case 'tool':
      return { tool: { name: choice.name } };
    default: {
      const exhaustive: never = choice;
      throw new Error(`unknown tool choice ${JSON.stringify(exhaustive)}`);
    }
  }
}
