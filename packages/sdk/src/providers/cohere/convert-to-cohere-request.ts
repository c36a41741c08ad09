// Canonical request → Cohere v2 `/v2/chat` body: tools in OpenAI's function format,
// tool_choice in Cohere's two values, JSON output, sampling settings under Cohere's names.

import type { ChatCompletionRequest, FunctionTool, ReasoningEffort, ResponseFormat } from '../../spec/index.js';
import type { CohereChatRequestBody, CohereTool } from './cohere-api.js';
import { convertToCohereMessages } from './convert-to-cohere-messages.js';
import { warnIgnoredCacheControl } from '../warn-ignored-cache-control.js';
import { checkThinkingParam } from '../check-thinking-param.js';
import { convertToSamplingParams } from '../convert-to-sampling-params.js';

/**
 * Thinking budget per reasoning_effort, for Cohere's reasoning models; the same steps as
 * llmux's Anthropic budgets, so one effort costs about the same on either.
 */
const COHERE_THINKING_BUDGET: Readonly<Record<ReasoningEffort, number>> = { minimal: 1024, low: 2048, medium: 8192, high: 24576 };

export function convertToCohereRequest(request: ChatCompletionRequest, options: { stream: boolean; warnings: string[] }): CohereChatRequestBody {
  const body: CohereChatRequestBody = { model: request.model, messages: convertToCohereMessages(request.messages), stream: options.stream };
  warnIgnoredCacheControl(request.messages, 'Cohere', 'has no prompt caching', options.warnings);
  const tools = toTools(request);
  if (tools.tools !== undefined) body.tools = tools.tools;
  if (tools.tool_choice !== undefined) body.tool_choice = tools.tool_choice;
  const format = toResponseFormat(request.response_format);
  if (format !== undefined) body.response_format = format;
  Object.assign(
    body,
    convertToSamplingParams<CohereChatRequestBody>(request, {
      temperature: 'temperature',
      top_p: 'p',
      top_k: 'k',
      max_tokens: 'max_tokens',
      stop: 'stop_sequences',
      seed: 'seed',
      frequency_penalty: 'frequency_penalty',
      presence_penalty: 'presence_penalty',
    }),
  );
  if (request.thinking !== undefined && request.thinking !== null) {
    // Cohere's thinking is Anthropic's shape with the budget renamed; it wins over an effort level.
    if (request.reasoning_effort !== undefined) options.warnings.push('reasoning_effort ignored: thinking sets the Cohere thinking budget exactly');
    const thinking = checkThinkingParam(request.thinking);
    body.thinking = thinking.type === 'enabled' ? { type: 'enabled', token_budget: thinking.budget_tokens } : { type: 'disabled' };
  } else if (request.reasoning_effort !== undefined) body.thinking = { type: 'enabled', token_budget: COHERE_THINKING_BUDGET[request.reasoning_effort] };
  return body;
}

/**
 * Cohere knows REQUIRED and NONE. A named function becomes REQUIRED with only that tool
 * on offer, which forces exactly that call.
 */
function toTools(request: ChatCompletionRequest): Pick<CohereChatRequestBody, 'tools' | 'tool_choice'> {
  const tools = request.tools ?? [];
  if (tools.length === 0) return {};
  const choice = request.tool_choice;
  if (choice === undefined || choice === 'auto') return { tools: tools.map(toCohereTool) };
  if (choice === 'none') return { tools: tools.map(toCohereTool), tool_choice: 'NONE' };
  if (choice === 'required') return { tools: tools.map(toCohereTool), tool_choice: 'REQUIRED' };
  return { tools: tools.filter((tool) => tool.function.name === choice.function.name).map(toCohereTool), tool_choice: 'REQUIRED' };
}

/** OpenAI's function tool without `strict`, which Cohere's tool schema does not have. */
function toCohereTool(tool: FunctionTool): CohereTool {
  const { name, description, parameters } = tool.function;
  return {
    type: 'function',
    function: { name, ...(description === undefined ? {} : { description }), ...(parameters === undefined ? {} : { parameters }) },
  };
}

function toResponseFormat(format: ResponseFormat | undefined): CohereChatRequestBody['response_format'] {
  if (format === undefined) return undefined;
  switch (format.type) {
    case 'text':
      return undefined;
    case 'json_object':
      return { type: 'json_object' };
    case 'json_schema':
      return format.json_schema.schema === undefined ? { type: 'json_object' } : { type: 'json_object', json_schema: format.json_schema.schema };
    default: {
      const exhaustive: never = format;
      throw new Error(`unknown response_format ${JSON.stringify(exhaustive)}`);
    }
  }
}
