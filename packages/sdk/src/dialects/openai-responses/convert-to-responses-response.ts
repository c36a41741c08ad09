// Canonical chat completion → Response object: a reasoning item where thinking came back,
// then a message with the text (or refusal), then one function_call item per tool call.

import type { ChatCompletion, ChatCompletionMessage } from '../../spec/index.js';
import type { ResponsesOutputItem, ResponsesResponse } from './openai-responses-api.js';
import { convertToResponsesUsage } from './convert-to-responses-usage.js';
import { createResponseId, createResponsesShell, type ResponsesReplyOptions } from './create-responses-shell.js';
import { mapToResponsesStatus } from './map-to-responses-status.js';

export function convertToResponsesResponse(completion: ChatCompletion, options: ResponsesReplyOptions): ResponsesResponse {
  const choice = completion.choices.find((candidate) => candidate.index === 0) ?? completion.choices[0];
  const message: ChatCompletionMessage = choice?.message ?? { role: 'assistant', content: null };
  const { status, incomplete_details } = mapToResponsesStatus(choice?.finish_reason ?? null);
  const response = createResponsesShell(options, status);
  response.incomplete_details = incomplete_details;
  const itemStatus = status === 'completed' ? 'completed' : 'incomplete';
  const reasoning = readReasoning(message);
  if (reasoning !== '') response.output.push({ type: 'reasoning', id: createResponseId('rs'), summary: [{ type: 'summary_text', text: reasoning }] });
  const text = message.content ?? '';
  if (text !== '' || (message.refusal ?? '') !== '') {
    const content: Extract<ResponsesOutputItem, { type: 'message' }>['content'] = [];
    if (text !== '') content.push({ type: 'output_text', text, annotations: [] });
    if (message.refusal) content.push({ type: 'refusal', refusal: message.refusal });
    response.output.push({ type: 'message', id: createResponseId('msg'), status: itemStatus, role: 'assistant', content });
  }
  for (const call of message.tool_calls ?? []) {
    response.output.push({
      type: 'function_call',
      id: createResponseId('fc'),
      call_id: call.id,
      name: call.function.name,
      arguments: call.function.arguments,
      status: 'completed',
    });
  }
  response.output_text = text;
  response.usage = convertToResponsesUsage(completion.usage);
  return response;
}

/** Reasoning text: reasoning_content, or the thinking blocks' text where only they came. */
function readReasoning(message: ChatCompletionMessage): string {
  if (message.reasoning_content) return message.reasoning_content;
  return (message.thinking_blocks ?? []).map((block) => (block.type === 'thinking' ? block.thinking : '')).join('');
}
