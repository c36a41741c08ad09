// Canonical tools and tool_choice → Gemini `tools[].functionDeclarations` + `toolConfig`.
// Schemas go as `parametersJsonSchema`, which takes JSON Schema as written (additionalProperties,
// $schema, anyOf with null), instead of `parameters`, which takes only Google's OpenAPI subset
// and would need a lossy rewrite.

import type { ChatCompletionRequest, FunctionTool, ToolChoice } from '../../spec/index.js';
import type { GeminiFunctionDeclaration, GeminiRequestBody, GeminiToolConfig } from './gemini-api.js';

type ToolRequest = Pick<ChatCompletionRequest, 'tools' | 'tool_choice' | 'parallel_tool_calls'>;

export function convertToGeminiTools(request: ToolRequest, warnings: string[]): Pick<GeminiRequestBody, 'tools' | 'toolConfig'> {
  const declarations = (request.tools ?? []).map(toDeclaration);
  if (declarations.length === 0) return {};
  if (request.parallel_tool_calls === false) {
    warnings.push('parallel_tool_calls: false is not honoured: Gemini has no switch to turn off parallel function calls');
  }
  const toolConfig = toToolConfig(request.tool_choice);
  return { tools: [{ functionDeclarations: declarations }], ...(toolConfig === undefined ? {} : { toolConfig }) };
}

function toDeclaration(tool: FunctionTool): GeminiFunctionDeclaration {
  const { name, description, parameters } = tool.function;
  return {
    name,
    ...(description === undefined ? {} : { description }),
    ...(parameters === undefined ? {} : { parametersJsonSchema: parameters }),
  };
}

function toToolConfig(choice: ToolChoice | undefined): GeminiToolConfig | undefined {
  if (choice === undefined) return undefined;
  if (typeof choice === 'object') return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [choice.function.name] } };
  switch (choice) {
    case 'auto':
      return { functionCallingConfig: { mode: 'AUTO' } };
    case 'required':
      return { functionCallingConfig: { mode: 'ANY' } };
    case 'none':
      return { functionCallingConfig: { mode: 'NONE' } };
    default: {
      const exhaustive: never = choice;
      throw new Error(`unknown tool_choice ${String(exhaustive)}`);
    }
  }
}
