// The OpenAI Responses dialect in the cache: a stream's final event (response.completed, or
// response.incomplete) carries the whole Response, which is what is stored; a stored
// Response is replayed as the event sequence OpenAI sends (created, in_progress, each output
// item added, its parts and deltas, done, then completed), numbered by sequence_number.

import { randomBytes } from 'node:crypto';
import type { CachedDialect, DialectReply } from './cached-dialect.js';

type Item = Record<string, unknown>;

export const responsesCachedDialect: CachedDialect = {
  // Only stateless calls. A follow-up (previous_response_id) depends on a conversation the
  // key is checked against after the cache, so a hit could hand one key's conversation to
  // another; a stored response (store is true unless false) must be retrievable by its id,
  // which a replayed answer under a fresh id never was.
  cacheable: (body) => body['previous_response_id'] === undefined && body['store'] === false,

  fromEvents(events) {
    for (const event of events) {
      const type = event['type'];
      if (type === 'response.failed' || type === 'error') return undefined;
      if ((type === 'response.completed' || type === 'response.incomplete') && typeof event['response'] === 'object' && event['response'] !== null) {
        return event['response'] as DialectReply;
      }
    }
    return undefined;
  },

  renew(reply) {
    return { ...reply, id: `resp_${randomBytes(24).toString('hex')}`, created_at: Math.floor(Date.now() / 1000) };
  },

  toEvents(reply) {
    let sequence = 0;
    const frames: string[] = [];
    const frame = (type: string, payload: Record<string, unknown>): void => {
      frames.push(`event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence++, ...payload })}\n\n`);
    };
    const shell = { ...reply, status: 'in_progress', output: [], usage: null };
    frame('response.created', { response: shell });
    frame('response.in_progress', { response: shell });
    const output = Array.isArray(reply['output']) ? (reply['output'] as Item[]) : [];
    output.forEach((item, outputIndex) => itemEvents(item, outputIndex, frame));
    frame(reply['status'] === 'incomplete' ? 'response.incomplete' : 'response.completed', { response: reply });
    return frames;
  },
};

function itemEvents(item: Item, outputIndex: number, frame: (type: string, payload: Record<string, unknown>) => void): void {
  const itemId = item['id'];
  if (item['type'] === 'message') {
    const parts = Array.isArray(item['content']) ? (item['content'] as Item[]) : [];
    frame('response.output_item.added', { output_index: outputIndex, item: { ...item, status: 'in_progress', content: [] } });
    parts.forEach((part, contentIndex) => {
      const at = { item_id: itemId, output_index: outputIndex, content_index: contentIndex };
      if (part['type'] === 'refusal') {
        frame('response.content_part.added', { ...at, part: { type: 'refusal', refusal: '' } });
        frame('response.refusal.delta', { ...at, delta: part['refusal'] });
        frame('response.refusal.done', { ...at, refusal: part['refusal'] });
      } else {
        frame('response.content_part.added', { ...at, part: { ...part, text: '', annotations: [] } });
        frame('response.output_text.delta', { ...at, delta: part['text'], logprobs: [] });
        frame('response.output_text.done', { ...at, text: part['text'], logprobs: [] });
      }
      frame('response.content_part.done', { ...at, part });
    });
  } else if (item['type'] === 'function_call') {
    frame('response.output_item.added', { output_index: outputIndex, item: { ...item, arguments: '', status: 'in_progress' } });
    frame('response.function_call_arguments.delta', { item_id: itemId, output_index: outputIndex, delta: item['arguments'] });
    frame('response.function_call_arguments.done', { item_id: itemId, output_index: outputIndex, arguments: item['arguments'] });
  } else {
    // Reasoning and built-in tool items: whole in their added and done events.
    frame('response.output_item.added', { output_index: outputIndex, item });
  }
  frame('response.output_item.done', { output_index: outputIndex, item });
}
