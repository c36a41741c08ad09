// Cohere v2 chat reply → canonical chat completion: text items → content; thinking items
// and the tool plan → reasoning_content (the plan is the model explaining which tools it
// will call, not an answer to show; it goes back to Cohere as tool_plan on the next turn);
// tool calls pass through.

import type { ChatCompletion, ChatCompletionMessage } from '../../spec/index.js';
import type { CohereResponse } from './cohere-api.js';
import { convertCohereToolCalls } from './convert-cohere-tool-calls.js';
import { convertCohereUsage } from './convert-cohere-usage.js';
import { mapCohereFinishReason } from './map-cohere-finish-reason.js';

export function convertCohereResponse(response: CohereResponse, options: { id: string; model: string; created: number }): ChatCompletion {
  const texts: string[] = [];
  const reasoning: string[] = [];
  const content = response.message.content;
  if (typeof content === 'string') texts.push(content);
  else {
    for (const item of content ?? []) {
      if (item.type === 'text' && item.text) texts.push(item.text);
      else if (item.type === 'thinking' && item.thinking) reasoning.push(item.thinking);
    }
  }
  if (response.message.tool_plan) reasoning.push(response.message.tool_plan);
  const toolCalls = convertCohereToolCalls(response.message.tool_calls ?? []);

  // OpenAI sends null content beside tool calls, and text (maybe empty) otherwise.
  const message: ChatCompletionMessage = { role: 'assistant', content: texts.length === 0 && toolCalls.length > 0 ? null : texts.join(''), refusal: null };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (reasoning.length > 0) message.reasoning_content = reasoning.join('\n');
  return {
    id: response.id ?? options.id,
    object: 'chat.completion',
    created: options.created,
    model: options.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: mapCohereFinishReason(response.finish_reason) }],
    usage: convertCohereUsage(response.usage),
  };
}
