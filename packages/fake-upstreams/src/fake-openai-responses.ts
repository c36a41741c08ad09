// OpenAI's Responses API (`POST /v1/responses`) for the fake OpenAI upstream: a FakeChatReply
// as a Response object (reasoning, message and function_call items, usage in input/output
// tokens) or as the typed event stream OpenAI sends, each event with its sequence_number.

import type { FakeChatReply } from './fake-chat-reply.js';
import type { FakeOpenAIToolCall } from './fake-openai-chat.js';
import type { FakeSseEvent } from './send-fake-sse-reply.js';
import { splitInThree, splitWords } from './fake-split-text.js';

export interface FakeResponsesContext {
  id: string;
  model: string;
  createdAt: number;
  /** The request body: OpenAI echoes its settings in the Response. */
  body: Record<string, unknown>;
}

type Item = Record<string, unknown> & { id: string; type: string };

function usageOf(reply: FakeChatReply, toolCalls: FakeOpenAIToolCall[]): Record<string, unknown> {
  const words = reply.content === undefined ? 0 : reply.content.split(/\s+/).filter((word) => word !== '').length;
  const input = reply.usage?.promptTokens ?? 10;
  const output = reply.usage?.completionTokens ?? words + 8 * toolCalls.length;
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: reply.usage?.cachedTokens ?? 0 },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: reply.reasoning === undefined ? 0 : 4 },
    total_tokens: input + output,
  };
}

function itemsOf(context: FakeResponsesContext, reply: FakeChatReply, toolCalls: FakeOpenAIToolCall[]): Item[] {
  const items: Item[] = [];
  if (reply.reasoning !== undefined) items.push({ id: `rs_${context.id}`, type: 'reasoning', summary: [{ type: 'summary_text', text: reply.reasoning }] });
  if (reply.content !== undefined) {
    const content = [{ type: 'output_text', text: reply.content, annotations: [], logprobs: [] }];
    items.push({ id: `msg_${context.id}`, type: 'message', status: 'completed', role: 'assistant', content });
  }
  toolCalls.forEach((call, index) => {
    items.push({ id: `fc_${context.id}_${index}`, type: 'function_call', status: 'completed', call_id: call.id, name: call.function.name, arguments: call.function.arguments });
  });
  return items;
}

function responseOf(context: FakeResponsesContext, reply: FakeChatReply, status: string, output: Item[], usage: unknown): Record<string, unknown> {
  const body = context.body;
  const incomplete = status === 'incomplete' ? { reason: reply.finish === 'content_filter' ? 'content_filter' : 'max_output_tokens' } : null;
  const text = output.flatMap((item) => (item.type === 'message' ? (item['content'] as { text: string }[]).map((part) => part.text) : [])).join('');
  return {
    id: `resp_${context.id}`,
    object: 'response',
    created_at: context.createdAt,
    status,
    error: null,
    incomplete_details: incomplete,
    instructions: body['instructions'] ?? null,
    max_output_tokens: body['max_output_tokens'] ?? null,
    model: context.model,
    output,
    output_text: text,
    parallel_tool_calls: body['parallel_tool_calls'] ?? true,
    previous_response_id: body['previous_response_id'] ?? null,
    store: body['store'] ?? true,
    temperature: body['temperature'] ?? 1,
    text: body['text'] ?? { format: { type: 'text' } },
    tool_choice: body['tool_choice'] ?? 'auto',
    tools: body['tools'] ?? [],
    top_p: body['top_p'] ?? 1,
    truncation: 'disabled',
    usage,
    user: null,
    metadata: body['metadata'] ?? {},
  };
}

function finalStatus(reply: FakeChatReply): string {
  return reply.finish === 'length' || reply.finish === 'content_filter' ? 'incomplete' : 'completed';
}

export function createFakeResponse(context: FakeResponsesContext, reply: FakeChatReply, toolCalls: FakeOpenAIToolCall[]): unknown {
  return responseOf(context, reply, finalStatus(reply), itemsOf(context, reply, toolCalls), usageOf(reply, toolCalls));
}

export function createFakeResponsesEvents(context: FakeResponsesContext, reply: FakeChatReply, toolCalls: FakeOpenAIToolCall[]): FakeSseEvent[] {
  const events: FakeSseEvent[] = [];
  let sequence = 0;
  const push = (type: string, payload: Record<string, unknown>, content = false): void => {
    events.push({ frame: `event: ${type}\ndata: ${JSON.stringify({ type, ...payload, sequence_number: sequence++ })}\n\n`, content });
  };
  push('response.created', { response: responseOf(context, reply, 'in_progress', [], null) });
  push('response.in_progress', { response: responseOf(context, reply, 'in_progress', [], null) });
  const items = itemsOf(context, reply, toolCalls);
  items.forEach((item, index) => {
    const base = { item_id: item.id, output_index: index };
    if (item.type === 'reasoning') {
      push('response.output_item.added', { output_index: index, item: { ...item, summary: [] } });
      const part = { type: 'summary_text', text: reply.reasoning ?? '' };
      push('response.reasoning_summary_part.added', { ...base, summary_index: 0, part: { ...part, text: '' } });
      for (const piece of splitWords(part.text)) push('response.reasoning_summary_text.delta', { ...base, summary_index: 0, delta: piece }, true);
      push('response.reasoning_summary_text.done', { ...base, summary_index: 0, text: part.text });
      push('response.reasoning_summary_part.done', { ...base, summary_index: 0, part });
    } else if (item.type === 'message') {
      push('response.output_item.added', { output_index: index, item: { ...item, status: 'in_progress', content: [] } });
      const text = reply.content ?? '';
      push('response.content_part.added', { ...base, content_index: 0, part: { type: 'output_text', text: '', annotations: [], logprobs: [] } });
      for (const piece of splitWords(text)) push('response.output_text.delta', { ...base, content_index: 0, delta: piece, logprobs: [] }, true);
      push('response.output_text.done', { ...base, content_index: 0, text, logprobs: [] });
      push('response.content_part.done', { ...base, content_index: 0, part: { type: 'output_text', text, annotations: [], logprobs: [] } });
    } else {
      push('response.output_item.added', { output_index: index, item: { ...item, status: 'in_progress', arguments: '' } });
      const args = String(item['arguments']);
      for (const piece of splitInThree(args)) push('response.function_call_arguments.delta', { ...base, delta: piece }, true);
      push('response.function_call_arguments.done', { ...base, arguments: args });
    }
    push('response.output_item.done', { output_index: index, item });
  });
  const status = finalStatus(reply);
  push(status === 'completed' ? 'response.completed' : 'response.incomplete', { response: responseOf(context, reply, status, items, usageOf(reply, toolCalls)) });
  return events;
}

/** A generation that fails after the 200: OpenAI sends `response.failed` with the error. */
export function fakeResponsesFailureFrame(context: FakeResponsesContext, reply: FakeChatReply): string {
  const response = {
    ...responseOf(context, reply, 'failed', [], null),
    error: { code: 'server_error', message: 'The server had an error while processing your request. Sorry about that!' },
  };
  return `event: response.failed\ndata: ${JSON.stringify({ type: 'response.failed', response, sequence_number: 9999 })}\n\n`;
}
