// Canonical stream chunks → the Responses event sequence, each with the next sequence_number:
// response.created, response.in_progress, then output items one at a time (added, their
// parts and deltas, done), then response.completed, response.incomplete or response.failed.

import type { LlmuxError } from '../../errors/llmux-error.js';
import type { ChatCompletionChunk, FinishReason, ToolCallDelta, Usage } from '../../spec/index.js';
import type { ResponsesOutputItem, ResponsesResponse } from './openai-responses-api.js';
import { convertToResponsesUsage } from './convert-to-responses-usage.js';
import { createResponseId, createResponsesShell, type ResponsesReplyOptions } from './create-responses-shell.js';
import { mapToResponsesStatus } from './map-to-responses-status.js';
import { encodeResponsesFailedEvent } from './encode-responses-failed-event.js';

export interface ResponsesStreamEncoder {
  /** SSE text (zero or more `event: …\ndata: …\n\n` frames) for one canonical chunk. */
  chunk(chunk: ChatCompletionChunk): string;
  /** Closes the open item and sends response.completed (or .incomplete) with the whole Response. */
  end(usage: Usage | undefined): string;
  /** response.failed, for an error after the stream began. */
  error(error: LlmuxError): string;
  /** The Response as streamed so far (after end(): as response.completed carried it), a copy. */
  response(): ResponsesResponse;
}

type Open = { kind: 'reasoning' | 'text'; output: number; text: string } | { kind: 'tool'; output: number };

export function createResponsesStreamEncoder(options: ResponsesReplyOptions): ResponsesStreamEncoder {
  const response = createResponsesShell(options, 'in_progress');
  let sequence = 0;
  let started = false;
  let ended = false;
  let open: Open | undefined;
  let finish: FinishReason | null = null;
  let chunkUsage: Usage | undefined;
  /** Tool call index → its output index. */
  const tools = new Map<number, number>();

  const frame = (type: string, payload: Record<string, unknown>): string => `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence++, ...payload })}\n\n`;
  const snapshot = (): ResponsesResponse => structuredClone(response);

  const start = (): string => {
    if (started) return '';
    started = true;
    return frame('response.created', { response: snapshot() }) + frame('response.in_progress', { response: snapshot() });
  };

  const add = (item: ResponsesOutputItem, next: Open): string => {
    const out = close();
    response.output.push(item);
    open = next;
    return out + frame('response.output_item.added', { output_index: next.output, item: structuredClone(item) });
  };

  const close = (): string => {
    const block = open;
    if (block === undefined) return '';
    open = undefined;
    const item = response.output[block.output] as ResponsesOutputItem;
    let out = '';
    if (block.kind === 'text' && item.type === 'message') {
      const part = { type: 'output_text' as const, text: block.text, annotations: [] };
      item.content = [part];
      item.status = 'completed';
      response.output_text += block.text;
      out += frame('response.output_text.done', { item_id: item.id, output_index: block.output, content_index: 0, text: block.text, logprobs: [] });
      out += frame('response.content_part.done', { item_id: item.id, output_index: block.output, content_index: 0, part });
    } else if (block.kind === 'reasoning' && item.type === 'reasoning') {
      const part = { type: 'summary_text' as const, text: block.text };
      item.summary = [part];
      out += frame('response.reasoning_summary_text.done', { item_id: item.id, output_index: block.output, summary_index: 0, text: block.text });
      out += frame('response.reasoning_summary_part.done', { item_id: item.id, output_index: block.output, summary_index: 0, part });
    } else if (item.type === 'function_call') {
      item.status = 'completed';
      out += frame('response.function_call_arguments.done', { item_id: item.id, output_index: block.output, name: item.name, arguments: item.arguments });
    }
    return out + frame('response.output_item.done', { output_index: block.output, item: structuredClone(item) });
  };

  const text = (value: string, kind: 'text' | 'reasoning'): string => {
    let out = '';
    if (open?.kind !== kind) {
      const output = response.output.length;
      if (kind === 'text') {
        const id = createResponseId('msg');
        out += add({ type: 'message', id, status: 'in_progress', role: 'assistant', content: [] }, { kind, output, text: '' });
        out += frame('response.content_part.added', { item_id: id, output_index: output, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } });
      } else {
        const id = createResponseId('rs');
        out += add({ type: 'reasoning', id, summary: [] }, { kind, output, text: '' });
        out += frame('response.reasoning_summary_part.added', { item_id: id, output_index: output, summary_index: 0, part: { type: 'summary_text', text: '' } });
      }
    }
    const block = open as Extract<Open, { text: string }>;
    block.text += value;
    const id = (response.output[block.output] as ResponsesOutputItem).id;
    return kind === 'text'
      ? out + frame('response.output_text.delta', { item_id: id, output_index: block.output, content_index: 0, delta: value, logprobs: [] })
      : out + frame('response.reasoning_summary_text.delta', { item_id: id, output_index: block.output, summary_index: 0, delta: value });
  };

  const toolCall = (call: ToolCallDelta): string => {
    const args = call.function?.arguments ?? '';
    let output = tools.get(call.index);
    let out = '';
    if (output === undefined) {
      output = response.output.length;
      tools.set(call.index, output);
      const callId = call.id !== undefined && call.id !== '' ? call.id : createResponseId('fc');
      out += add(
        { type: 'function_call', id: createResponseId('fc'), call_id: callId, name: call.function?.name ?? '', arguments: '', status: 'in_progress' },
        { kind: 'tool', output },
      );
    }
    const item = response.output[output] as Extract<ResponsesOutputItem, { type: 'function_call' }>;
    if (args === '') return out;
    item.arguments += args;
    return out + frame('response.function_call_arguments.delta', { item_id: item.id, output_index: output, delta: args });
  };

  return {
    chunk(chunk) {
      if (ended) return '';
      let out = start();
      if (chunk.usage !== undefined && chunk.usage !== null) chunkUsage = chunk.usage;
      const choice = chunk.choices.find((candidate) => candidate.index === 0);
      if (choice === undefined) return out;
      const change = choice.delta;
      const thinking = (change.thinking_blocks ?? []).map((block) => (block.type === 'thinking' ? block.thinking : '')).join('');
      const reasoning = change.reasoning_content || thinking;
      if (reasoning) out += text(reasoning, 'reasoning');
      if (change.content) out += text(change.content, 'text');
      if (change.refusal) out += text(change.refusal, 'text');
      for (const call of change.tool_calls ?? []) out += toolCall(call);
      if (choice.finish_reason !== null) finish = choice.finish_reason;
      return out;
    },

    end(usage) {
      if (ended) return '';
      ended = true;
      const out = start() + close();
      const { status, incomplete_details } = mapToResponsesStatus(finish);
      response.status = status;
      response.incomplete_details = incomplete_details;
      response.usage = convertToResponsesUsage(usage ?? chunkUsage);
      return out + frame(status === 'completed' ? 'response.completed' : 'response.incomplete', { response: snapshot() });
    },

    error(error) {
      if (ended) return '';
      ended = true;
      const out = start();
      return out + encodeResponsesFailedEvent(error, { ...options, id: response.id, createdAt: response.created_at }, sequence++);
    },

    response: snapshot,
  };
}
