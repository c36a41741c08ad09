// Canonical request → watsonx.ai /ml/v1/text/chat body. The chat API is OpenAI's in all but
// names: the model is `model_id`, the project or space travels in the body, a tool choice
// given as a word (`auto`, `none`, `required`) is `tool_choice_option`, the output limit is
// `max_tokens`, and streaming is a separate path rather than a body field.

import type { ChatCompletionRequest, ChatParameterName } from '../../spec/index.js';
import { convertToOpenAIMessages } from '../openai/convert-to-openai-messages.js';
import type { WatsonxSettings } from './resolve-watsonx-settings.js';
import { chatParamSet, SEED_AND_PENALTIES, TOOL_PARAMS } from '../chat-param-sets.js';

/** The OpenAI parameters /ml/v1/text/chat documents. */
export const WATSONX_SUPPORTED_PARAMS: ReadonlySet<ChatParameterName> = chatParamSet('n', ...SEED_AND_PENALTIES, 'logprobs', 'top_logprobs', ...TOOL_PARAMS, 'response_format');

/** Fields that are not body fields on watsonx (streaming is the path; the model is model_id). */
const NOT_SENT = new Set(['model', 'messages', 'stream', 'stream_options', 'max_completion_tokens', 'tool_choice']);

export function convertToWatsonxChatRequest(request: ChatCompletionRequest, modelId: string | undefined, settings: WatsonxSettings): string {
  const body: Record<string, unknown> = {};
  if (modelId !== undefined) body['model_id'] = modelId;
  if (settings.scope !== undefined) Object.assign(body, settings.scope);
  body['messages'] = convertToOpenAIMessages(request.messages, undefined).messages;
  for (const [name, value] of Object.entries(request)) if (!NOT_SENT.has(name) && value !== undefined) body[name] = value;
  if (request.max_completion_tokens !== undefined && request.max_completion_tokens !== null && body['max_tokens'] === undefined) body['max_tokens'] = request.max_completion_tokens;
  const choice = request.tool_choice;
  if (typeof choice === 'string') body['tool_choice_option'] = choice;
  else if (choice !== undefined && choice !== null) body['tool_choice'] = choice;
  return JSON.stringify(body);
}
