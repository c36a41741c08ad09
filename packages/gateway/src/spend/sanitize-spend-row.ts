// Makes a spend row safe for every store before it is buffered (issue 15.1: one row with a NUL
// in `user` failed every PostgreSQL batch): strings cleaned and bounded, numbers finite, dates
// valid, nested JSON bounded in depth, entries and bytes. It also estimates the row's size,
// which bounds the writer's buffer in bytes. Nothing is copied unless something changes.

import type { SpendIncrement, SpendLogRow } from '../store/store.js';
import { sanitizeText } from './sanitize-text.js';

/** Ids and names (user, team, model, the client's request id): a 900 KB id is no id. */
const MAX_ID_CHARS = 512;
const MAX_TAG_CHARS = 256;
const MAX_TAGS = 64;
/** A row's fixed part (numbers, dates, object headers), for the byte estimate. */
const ROW_OVERHEAD_BYTES = 400;

interface JsonBounds {
  depth: number;
  entries: number;
  stringChars: number;
  bytes: number;
}

/** LiteLLM's metadata is small; a client cannot make one row megabytes with it. */
const METADATA_BOUNDS: JsonBounds = { depth: 16, entries: 256, stringChars: 8_192, bytes: 64 * 1024 };
/** Prompts and responses (only when store_prompts_in_spend_logs is on). */
const CONTENT_BOUNDS: JsonBounds = { depth: 32, entries: 4_096, stringChars: 256 * 1024, bytes: 1024 * 1024 };

export interface SanitizedRow {
  row: SpendLogRow;
  /** Estimated bytes the row holds in memory (UTF-16 strings counted at 2 bytes a char). */
  bytes: number;
}

/** Bytes counted so far in one walk; past the bound, the rest becomes a marker. */
interface Walk {
  bounds: JsonBounds;
  bytes: number;
}

/** Cleans `row` in place (the writer owns it: built per call) and estimates its size. */
export function sanitizeSpendRow(row: SpendLogRow): SanitizedRow {
  const metadataWalk: Walk = { bounds: METADATA_BOUNDS, bytes: 0 };
  const metadata = sanitizeJson(row.metadata, metadataWalk, 0);
  row.metadata = isRecord(metadata) ? metadata : { value: metadata };
  let contentBytes = 0;
  // Prompts and responses are there only when store_prompts_in_spend_logs is on.
  if ((row.messages !== null && row.messages !== undefined) || (row.response !== null && row.response !== undefined)) {
    const contentWalk: Walk = { bounds: CONTENT_BOUNDS, bytes: 0 };
    if (row.messages !== null && row.messages !== undefined) row.messages = sanitizeJson(row.messages, contentWalk, 0);
    if (row.response !== null && row.response !== undefined) row.response = sanitizeJson(row.response, contentWalk, 0);
    contentBytes = contentWalk.bytes;
  }
  row.request_tags = sanitizeTags(row.request_tags);
  // request_id (a UUIDv7) and api_key (a sha256 hex, or '') are made by the gateway: nothing to clean.
  row.user = nullableId(row.user);
  row.team_id = nullableId(row.team_id);
  row.end_user = nullableId(row.end_user);
  row.model_group = nullableId(row.model_group);
  row.model_id = nullableId(row.model_id);
  row.custom_llm_provider = nullableId(row.custom_llm_provider);
  if (row.client_request_id !== undefined) row.client_request_id = nullableId(row.client_request_id);
  if (row.response_id !== undefined) row.response_id = nullableId(row.response_id);
  row.prompt_tokens = count(row.prompt_tokens);
  row.completion_tokens = count(row.completion_tokens);
  row.cached_tokens = count(row.cached_tokens);
  row.total_tokens = count(row.total_tokens);
  if (!Number.isFinite(row.spend)) row.spend = 0;
  row.startTime = validDate(row.startTime);
  row.endTime = validDate(row.endTime);
  let bytes = ROW_OVERHEAD_BYTES + metadataWalk.bytes + contentBytes;
  bytes += 2 * (row.request_id.length + row.api_key.length + length(row.user) + length(row.team_id) + length(row.end_user));
  bytes += 2 * (length(row.model_group) + length(row.model_id) + length(row.custom_llm_provider) + length(row.client_request_id ?? null));
  for (const tag of row.request_tags) bytes += tag.length * 2 + 16;
  return { row, bytes };
}

function length(value: string | null): number {
  return value === null ? 0 : value.length;
}

/** The same cleaning for a total's ids: a customer id with a NUL would fail the totals as it failed the rows. */
export function sanitizeIncrement(increment: SpendIncrement): SpendIncrement {
  const id = sanitizeText(increment.id, MAX_ID_CHARS);
  const model = increment.model === undefined ? undefined : sanitizeText(increment.model, MAX_ID_CHARS);
  const amount = Number.isFinite(increment.amount) ? increment.amount : 0;
  if (id === increment.id && model === increment.model && amount === increment.amount) return increment;
  return model === undefined ? { entity: increment.entity, id, amount } : { entity: increment.entity, id, model, amount };
}

function nullableId(value: string | null): string | null {
  return value === null ? null : sanitizeText(value, MAX_ID_CHARS);
}

/** Token counts are bigint columns: finite, whole, not negative. */
function count(value: number): number {
  return Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}

function validDate(value: Date): Date {
  return value instanceof Date && Number.isFinite(value.getTime()) ? value : new Date();
}

function sanitizeTags(tags: readonly string[]): string[] {
  let out: string[] | undefined;
  const kept = Math.min(tags.length, MAX_TAGS);
  if (kept < tags.length) out = tags.slice(0, kept);
  for (let index = 0; index < kept; index += 1) {
    const tag = tags[index] as string;
    const clean = typeof tag === 'string' ? sanitizeText(tag, MAX_TAG_CHARS) : String(tag);
    if (clean === tag) continue;
    out ??= tags.slice(0, kept);
    out[index] = clean;
  }
  return out ?? (tags as string[]);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON value bounded by `walk`; the same object when nothing needed changing. */
function sanitizeJson(value: unknown, walk: Walk, depth: number): unknown {
  walk.bytes += 16;
  switch (typeof value) {
    case 'string': {
      const room = Math.max(0, Math.min(walk.bounds.stringChars, (walk.bounds.bytes - walk.bytes) / 2));
      const clean = sanitizeText(value, Math.floor(room));
      walk.bytes += clean.length * 2;
      return clean;
    }
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'boolean':
      return value;
    case 'bigint':
      return value.toString();
    case 'undefined':
    case 'function':
    case 'symbol':
      return null;
    case 'object':
      break;
  }
  if (value === null || value instanceof Date) return value;
  if (depth >= walk.bounds.depth) return `[nested deeper than ${walk.bounds.depth} levels: dropped]`;
  if (walk.bytes >= walk.bounds.bytes) return `[over ${walk.bounds.bytes} bytes: dropped]`;
  return Array.isArray(value) ? sanitizeArray(value, walk, depth) : sanitizeObject(value as Record<string, unknown>, walk, depth);
}

function sanitizeArray(value: readonly unknown[], walk: Walk, depth: number): unknown[] {
  const kept = Math.min(value.length, walk.bounds.entries);
  let out: unknown[] | undefined = kept < value.length ? value.slice(0, kept) : undefined;
  for (let index = 0; index < kept; index += 1) {
    const item = value[index];
    const clean = sanitizeJson(item, walk, depth + 1);
    if (clean === item) continue;
    out ??= value.slice(0, kept);
    out[index] = clean;
  }
  if (kept < value.length) out?.push(`[${value.length - kept} more items dropped]`);
  return out ?? (value as unknown[]);
}

function sanitizeObject(value: Record<string, unknown>, walk: Walk, depth: number): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  let entries = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    entries += 1;
    if (entries > walk.bounds.entries) {
      out ??= { ...value };
      delete out[key];
      continue;
    }
    const item = value[key];
    const cleanKey = sanitizeText(key, MAX_ID_CHARS);
    walk.bytes += cleanKey.length * 2;
    const clean = sanitizeJson(item, walk, depth + 1);
    if (clean === item && cleanKey === key) continue;
    out ??= { ...value };
    if (cleanKey !== key) delete out[key];
    out[cleanKey] = clean;
  }
  if (out !== undefined && entries > walk.bounds.entries) out['[dropped]'] = `${entries - walk.bounds.entries} more entries`;
  return out ?? value;
}
