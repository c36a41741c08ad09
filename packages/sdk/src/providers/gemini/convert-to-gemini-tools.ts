// Canonical tools and tool_choice → Gemini `tools[].functionDeclarations` + `toolConfig`, and
// web_search_options → Gemini's built-in `googleSearch` tool (grounding with Google Search).
// Schemas go as `parametersJsonSchema`, which takes JSON Schema as written (additionalProperties,
// $schema, anyOf with null), instead of `parameters`, which takes only Google's OpenAPI subset
// and would need a lossy rewrite.

import type { ChatCompletionRequest, FunctionTool, ToolChoice } from '../../spec/index.js';
import type { GeminiFunctionDeclaration, GeminiRequestBody, GeminiTool, GeminiToolConfig } from './gemini-api.js';

type ToolRequest = Pick<ChatCompletionRequest, 'tools' | 'tool_choice' | 'parallel_tool_calls' | 'web_search_options'>;

/** OpenAI's web search settings that Google Search grounding has no equivalent for. */
const UNMAPPED_SEARCH_OPTIONS = ['search_context_size', 'user_location'];

export function convertToGeminiTools(request: ToolRequest, warnings: string[]): Pick<GeminiRequestBody, 'tools' | 'toolConfig'> {
  const search = toSearchTool(request.web_search_options, warnings);
  const declarations = (request.tools ?? []).map(toDeclaration);
  if (declarations.length === 0) return search === undefined ? {} : { tools: [search] };
  if (request.parallel_tool_calls === false) {
    warnings.push('parallel_tool_calls: false is not honoured: Gemini has no switch to turn off parallel function calls');
  }
  const toolConfig = toToolConfig(request.tool_choice);
  const tools: GeminiTool[] = [{ functionDeclarations: declarations }];
  if (search !== undefined) tools.push(search);
  return { tools, ...(toolConfig === undefined ? {} : { toolConfig }) };
}

function toSearchTool(options: ToolRequest['web_search_options'], warnings: string[]): GeminiTool | undefined {
  if (options === undefined || options === null) return undefined;
  for (const name of UNMAPPED_SEARCH_OPTIONS) {
    if (options[name] !== undefined) warnings.push(`web_search_options.${name} is not honoured: Google Search grounding has no such setting`);
  }
  return { googleSearch: {} };
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
