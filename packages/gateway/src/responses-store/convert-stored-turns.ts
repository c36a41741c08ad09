// The earlier turns of a conversation as input items, oldest first: each stored Response's
// input, then its output. A bridged deployment gets them as chat history in place of
// previous_response_id, and so does an OpenAI deployment other than the one that holds it.

import type { StoredResponseRow } from '../store/store.js';

type Item = Record<string, unknown>;

/** Output items a later turn can carry as input (built-in tool calls only OpenAI can read back). */
const REPLAYED: ReadonlySet<string> = new Set(['message', 'function_call', 'function_call_output', 'reasoning']);

export function convertStoredTurns(turns: readonly StoredResponseRow[]): Item[] {
  const items: Item[] = [];
  for (const turn of turns) {
    for (const item of turn.input_items) if (isItem(item)) items.push(item);
    const output = turn.response['output'];
    if (!Array.isArray(output)) continue;
    for (const item of output) if (isItem(item) && REPLAYED.has(String(item['type']))) items.push(item);
  }
  return items;
}

/**
 * The same items fit for OpenAI's own Responses API, which takes no stale item ids and needs
 * reasoning items it made itself (with their encrypted content): ids and statuses are
 * dropped, and reasoning too.
 */
export function forNativeReplay(items: readonly Item[]): Item[] {
  const replayed: Item[] = [];
  for (const item of items) {
    if (item['type'] === 'reasoning') continue;
    const { id: _id, status: _status, ...rest } = item;
    replayed.push(rest);
  }
  return replayed;
}

function isItem(value: unknown): value is Item {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
