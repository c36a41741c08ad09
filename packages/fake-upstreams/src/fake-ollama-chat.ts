// Renders a FakeChatReply as Ollama wire data: the `/api/chat` and `/api/generate` reply
// objects and their NDJSON lines, field for field as an Ollama server writes them (Go's
// JSON encoding included, which escapes <, > and & inside strings).

import type { FakeChatReply } from './fake-chat-reply.js';

export type FakeOllamaEndpoint = 'chat' | 'generate';

export interface FakeOllamaLine {
  /** The line as sent, newline included. */
  text: string;
  /** Carries generated text or tool calls: counts toward failAfterChunks / dropAfterChunks. */
  content: boolean;
}

/** Go's encoding/json escapes HTML characters; clients must read them back unchanged. */
export function goJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

function ollamaDoneReason(reply: FakeChatReply): string {
  // Ollama has no tool or filter stop reason: a turn that called tools ends with "stop".
  return reply.finish === 'length' ? 'length' : 'stop';
}

/** Metrics of the final object; durations in nanoseconds, as Ollama reports them. */
function metrics(reply: FakeChatReply): Record<string, number> {
  return {
    total_duration: 182_242_375,
    load_duration: 41_295_167,
    prompt_eval_count: reply.usage?.promptTokens ?? 10,
    prompt_eval_duration: 24_573_166,
    eval_count: reply.usage?.completionTokens ?? 5,
    eval_duration: 115_959_084,
  };
}

function toolCalls(reply: FakeChatReply): Array<Record<string, unknown>> {
  return (reply.toolCalls ?? []).map((call) => {
    const rendered: Record<string, unknown> = {
      function: { name: call.name, arguments: call.arguments.trim() === '' ? {} : JSON.parse(call.arguments) },
    };
    // The documented servers send no id; newer ones do, so an id given by the test is sent.
    return call.id === undefined ? rendered : { id: call.id, ...rendered };
  });
}

/** The fragment fields of one object: `message` for chat, top-level fields for generate. */
function fragment(endpoint: FakeOllamaEndpoint, fields: { content?: string; thinking?: string; tool_calls?: unknown[] }): Record<string, unknown> {
  if (endpoint === 'chat') return { message: { role: 'assistant', content: fields.content ?? '', ...withoutContent(fields) } };
  return { response: fields.content ?? '', ...(fields.thinking === undefined ? {} : { thinking: fields.thinking }) };
}

function withoutContent(fields: { thinking?: string; tool_calls?: unknown[] }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (fields.thinking !== undefined) out['thinking'] = fields.thinking;
  if (fields.tool_calls !== undefined) out['tool_calls'] = fields.tool_calls;
  return out;
}

export function createFakeOllamaReply(endpoint: FakeOllamaEndpoint, model: string, reply: FakeChatReply): Record<string, unknown> {
  const calls = toolCalls(reply);
  const fields = { content: reply.content ?? '', thinking: reply.reasoning, tool_calls: calls.length > 0 ? calls : undefined };
  return { model, created_at: new Date().toISOString(), ...fragment(endpoint, fields), done_reason: ollamaDoneReason(reply), done: true, ...metrics(reply) };
}

export function createFakeOllamaLines(endpoint: FakeOllamaEndpoint, model: string, reply: FakeChatReply): FakeOllamaLine[] {
  const lines: FakeOllamaLine[] = [];
  const push = (fields: Record<string, unknown>, content: boolean): void => {
    lines.push({ text: `${goJson({ model, created_at: new Date().toISOString(), ...fields })}\n`, content });
  };
  for (const thinking of splitWords(reply.reasoning ?? '')) push({ ...fragment(endpoint, { thinking }), done: false }, true);
  for (const content of splitWords(reply.content ?? '')) push({ ...fragment(endpoint, { content }), done: false }, true);
  const calls = toolCalls(reply);
  // Tool calls arrive whole, in one object of their own.
  if (endpoint === 'chat' && calls.length > 0) push({ ...fragment(endpoint, { tool_calls: calls }), done: false }, true);
  push({ ...fragment(endpoint, {}), done_reason: ollamaDoneReason(reply), done: true, ...metrics(reply) }, false);
  return lines;
}

function splitWords(text: string): string[] {
  return text === '' ? [] : (text.match(/\s*\S+\s*/g) ?? [text]);
}
