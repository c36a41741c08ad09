// A request's `input` as the items OpenAI lists under /v1/responses/{id}/input_items: a string
// becomes one user message, a message's string content becomes one text part, and every item
// gets an id (the client's, or a new one named by its type, as OpenAI names them).

import { randomUUID } from 'node:crypto';

type Item = Record<string, unknown>;

const ID_PREFIXES: Readonly<Record<string, string>> = { message: 'msg', function_call: 'fc', function_call_output: 'fco', reasoning: 'rs' };

function newId(type: string): string {
  return `${ID_PREFIXES[type] ?? 'item'}_${randomUUID().replaceAll('-', '')}`;
}

function textPart(role: unknown, text: string): Item {
  return { type: role === 'assistant' ? 'output_text' : 'input_text', text };
}

export function convertToInputItems(input: unknown): Item[] {
  if (typeof input === 'string') return [{ id: newId('message'), type: 'message', role: 'user', content: [textPart('user', input)] }];
  if (!Array.isArray(input)) return [];
  return input.map((value: unknown) => {
    const item: Item = typeof value === 'object' && value !== null ? { ...(value as Item) } : {};
    const type = typeof item['type'] === 'string' ? item['type'] : 'message';
    item['type'] = type;
    if (type === 'message' && typeof item['content'] === 'string') item['content'] = [textPart(item['role'], item['content'])];
    if (typeof item['id'] !== 'string' || item['id'] === '') item['id'] = newId(type);
    return item;
  });
}
