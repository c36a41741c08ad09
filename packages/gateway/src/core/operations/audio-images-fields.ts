// The body fields an images or audio call forwards (an allow-list: nothing a client sends can
// reach deployment settings), and the rest: fields llmux does not know are left out with a
// warning the client sees (x-llmux-warnings), never silently.

import { headerSafe } from '../../http/header-safe.js';
import type { RequestContext } from '../../http/request-context.js';
import { pickFields } from '../../routes/pick-fields.js';

/** Read by the gateway and the Router, not forwarded. */
const ROUTING_FIELDS: ReadonlySet<string> = new Set(['fallbacks', 'num_retries', 'tags', 'metadata']);

export interface MediaFields {
  readonly names: readonly string[];
  readonly known: ReadonlySet<string>;
}

export function mediaFields(names: readonly string[]): MediaFields {
  return { names, known: new Set(names) };
}

/**
 * The forwarded fields of `body` (the schema's output), and the names of the client's fields in
 * `sent` (the body as read) left out; undefined when none (the common case).
 */
export function pickMediaFields(
  body: Readonly<Record<string, unknown>>,
  sent: Readonly<Record<string, unknown>>,
  fields: MediaFields,
): { params: Record<string, unknown>; dropped: string[] | undefined } {
  let dropped: string[] | undefined;
  for (const key of Object.keys(sent)) if (!fields.known.has(key) && !ROUTING_FIELDS.has(key)) (dropped ??= []).push(key);
  return { params: pickFields(body, fields.names), dropped };
}

/** Adds the left-out fields to the warnings header (after recordRoutedCall wrote the SDK's). */
export function warnDroppedFields(context: RequestContext, dropped: readonly string[] | undefined): void {
  if (dropped === undefined) return;
  const note = headerSafe(`unknown fields dropped: ${dropped.join(', ')}`);
  const existing = context.headers['x-llmux-warnings'];
  context.headers['x-llmux-warnings'] = typeof existing === 'string' ? `${existing}; ${note}` : note;
}
