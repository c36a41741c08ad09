// Canonical chat request → the body a messages-API container (TGI, LMI, vLLM) reads: the
// OpenAI chat body itself, without `model` (the endpoint names the model, and vLLM rejects
// a name it does not serve) and with `max_tokens`, the spelling every container knows.

import type { ChatCompletionRequest } from '../../spec/index.js';
import { convertToOpenAIMessages } from '../openai/convert-to-openai-messages.js';

export function convertToSageMakerRequest(request: ChatCompletionRequest): string {
  const { model: _model, max_completion_tokens: maxCompletionTokens, ...rest } = request;
  // Earlier turns' reasoning_content goes no further; containers reject or misread it.
  const { messages } = convertToOpenAIMessages(request.messages, undefined);
  const body: Record<string, unknown> = { ...rest, messages };
  if (maxCompletionTokens !== undefined && maxCompletionTokens !== null && (rest.max_tokens === undefined || rest.max_tokens === null)) {
    body['max_tokens'] = maxCompletionTokens;
  }
  return JSON.stringify(body);
}
