// Canonical chat request → a TGI generate body, `{"inputs": <prompt>, "parameters": {…}}`,
// with the parameter names TGI validates (as LiteLLM's SageMaker config maps them). Where an
// OpenAI value means something TGI refuses to be told, the request is rewritten to what it
// means rather than nudged: temperature 0 is greedy decoding (TGI wants a positive
// temperature; LiteLLM sends 0.01), and top_p 1 is no nucleus filter (TGI wants it below 1).

import type { ChatCompletionRequest } from '../../spec/index.js';

export function convertToTgiRequest(request: ChatCompletionRequest, prompt: string, stream: boolean): string {
  const parameters: Record<string, unknown> = {};
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (maxTokens !== undefined && maxTokens !== null) parameters['max_new_tokens'] = maxTokens;
  if (request.temperature === 0) parameters['do_sample'] = false;
  else if (request.temperature !== undefined && request.temperature !== null) parameters['temperature'] = request.temperature;
  if (request.top_p !== undefined && request.top_p !== null && request.top_p < 1) parameters['top_p'] = request.top_p;
  if (request.top_k !== undefined && request.top_k !== null) parameters['top_k'] = request.top_k;
  if (request.stop !== undefined && request.stop !== null) parameters['stop'] = typeof request.stop === 'string' ? [request.stop] : request.stop;
  if (request.seed !== undefined && request.seed !== null) parameters['seed'] = request.seed;
  if (request.frequency_penalty !== undefined && request.frequency_penalty !== null) parameters['frequency_penalty'] = request.frequency_penalty;
  // The finish reason and token count come with `details`; the prompt is never echoed back.
  if (!stream) Object.assign(parameters, { details: true, return_full_text: false });
  return JSON.stringify(stream ? { inputs: prompt, parameters, stream: true } : { inputs: prompt, parameters });
}
