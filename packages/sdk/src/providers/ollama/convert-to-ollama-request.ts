// Canonical request → Ollama `/api/chat` body. Tools keep OpenAI's function format; the
// tool_choice values Ollama cannot enforce are approximated, with a warning.

import type { ChatCompletionRequest, FunctionTool } from '../../spec/index.js';
import type { OllamaChatRequestBody } from './ollama-api.js';
import { convertToOllamaMessages } from './convert-to-ollama-messages.js';
import { convertToOllamaOptions } from './convert-to-ollama-options.js';

export function convertToOllamaRequest(request: ChatCompletionRequest, options: { stream: boolean; warnings: string[] }): OllamaChatRequestBody {
  const body: OllamaChatRequestBody = {
    model: request.model,
    messages: convertToOllamaMessages(request.messages),
    stream: options.stream,
  };
  const tools = selectTools(request, options.warnings);
  if (tools.length > 0) body.tools = tools.map(toOllamaTool);
  return { ...body, ...convertToOllamaOptions(request, options.warnings) };
}

function selectTools(request: ChatCompletionRequest, warnings: string[]): FunctionTool[] {
  const tools = request.tools ?? [];
  const choice = request.tool_choice;
  if (tools.length === 0 || choice === undefined || choice === 'auto') return tools;
  // Without tools on offer the model cannot call one, which is what "none" asks.
  if (choice === 'none') return [];
  if (choice === 'required') {
    warnings.push('Ollama cannot force a tool call; tool_choice "required" was sent as "auto"');
    return tools;
  }
  warnings.push(`Ollama cannot force a tool call; only the tool "${choice.function.name}" was offered, as "auto"`);
  return tools.filter((tool) => tool.function.name === choice.function.name);
}

/** OpenAI's function tool without `strict`, which Ollama does not know. */
function toOllamaTool(tool: FunctionTool): NonNullable<OllamaChatRequestBody['tools']>[number] {
  const { name, description, parameters } = tool.function;
  return {
    type: 'function',
    function: { name, ...(description === undefined ? {} : { description }), ...(parameters === undefined ? {} : { parameters }) },
  };
}
