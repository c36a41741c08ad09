// Splits a chat body into the fields the gateway knows (routed, or checked by the SDK's
// checkParams) and the client's extras (`top_k`, `web_search_options`, ...), which go into
// the provider's body, where checkParams forwards, drops with a warning or refuses them:
// nothing a client sends vanishes. Deployment settings are never taken from a body: they
// are left out with a warning the client sees (x-llmux-warnings).
// `extra_body` (LiteLLM's SDK and clients that do not merge it themselves, as the official
// OpenAI clients do) is opened: its fields count as the body's own, winning over them as
// they do when the OpenAI client merges it.

import { CHAT_REQUEST_FIELDS } from '../../routes/chat-request-schema.js';

const KNOWN_FIELDS: ReadonlySet<string> = new Set(CHAT_REQUEST_FIELDS);

/** Settings of a deployment (credentials, target, transport): a client may not set them. */
const DEPLOYMENT_SETTINGS: ReadonlySet<string> = new Set([
  'api_key',
  'api_base',
  'base_url',
  'api_version',
  'extra_headers',
  'http_client',
  'registry',
  'timeout',
  'stream_timeout',
  'stream_idle_timeout',
  'drop_params',
  'input_cost_per_token',
  'output_cost_per_token',
]);

export interface SplitChatBody {
  /** Known fields, nulls dropped (in OpenAI's API a null parameter means "use the default"). */
  params: Record<string, unknown>;
  /** Fields llmux does not know, as sent; undefined when there are none (the common case). */
  extras: Record<string, unknown> | undefined;
  /** Deployment settings the body tried to set, left out; undefined when none (the common case). */
  refused: string[] | undefined;
  /** True when params and extras hold every field of the body as sent (nothing dropped or rewritten). */
  asSent: boolean;
}

/** What `extra_body` may not change: the call's target, its prompt and its reply's form are the body's own. */
const BODY_OWN_FIELDS: ReadonlySet<string> = new Set(['model', 'messages', 'stream']);

export function splitChatBody(body: Readonly<Record<string, unknown>>): SplitChatBody {
  const params: Record<string, unknown> = {};
  let extras: Record<string, unknown> | undefined;
  let refused: string[] | undefined;
  let extraBody: Record<string, unknown> | undefined;
  let asSent = true;
  for (const name in body) {
    const value = body[name];
    if (value === undefined || value === null) {
      asSent = false;
      continue;
    }
    if (KNOWN_FIELDS.has(name)) {
      if (name === 'metadata') {
        const forwarded = providerMetadata(value as Record<string, unknown>);
        if (forwarded !== value) asSent = false;
        if (forwarded !== undefined) params[name] = forwarded;
      } else params[name] = value;
      continue;
    }
    if (DEPLOYMENT_SETTINGS.has(name)) {
      refused ??= [];
      refused.push(`ignored "${name}": a deployment setting cannot be set in a request body`);
      continue;
    }
    // Opened after the loop, so its fields win whatever the key order.
    if (name === 'extra_body' && isObject(value)) {
      extraBody = value;
      continue;
    }
    extras ??= {};
    extras[name] = value;
  }
  const split: SplitChatBody = { params, extras, refused, asSent: asSent && refused === undefined && extraBody === undefined };
  if (extraBody !== undefined) mergeExtraBody(split, extraBody);
  return split;
}

function mergeExtraBody(split: SplitChatBody, extraBody: Readonly<Record<string, unknown>>): void {
  for (const name in extraBody) {
    const value = extraBody[name];
    if (value === undefined || value === null) continue;
    if (BODY_OWN_FIELDS.has(name) || DEPLOYMENT_SETTINGS.has(name)) {
      split.refused ??= [];
      split.refused.push(`ignored "extra_body.${name}": ${BODY_OWN_FIELDS.has(name) ? 'it is set in the body itself' : 'a deployment setting cannot be set in a request body'}`);
    } else if (KNOWN_FIELDS.has(name)) {
      if (name === 'metadata') {
        const forwarded = isObject(value) ? providerMetadata(value) : undefined;
        if (forwarded !== undefined) split.params[name] = forwarded;
      } else split.params[name] = value;
    } else {
      split.extras ??= {};
      split.extras[name] = value;
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The metadata a provider receives: OpenAI's map of strings. LiteLLM's other values (the
 * `tags` list, nested objects) are the gateway's (spend rows, tag budgets) and stay here.
 * A map of strings only is forwarded as the same object (the body is then as sent).
 */
function providerMetadata(metadata: Record<string, unknown>): Record<string, unknown> | undefined {
  let forwarded: Record<string, string> | undefined;
  let allStrings = true;
  for (const key in metadata) {
    const value = metadata[key];
    if (typeof value !== 'string') {
      allStrings = false;
      continue;
    }
    forwarded ??= {};
    forwarded[key] = value;
  }
  return allStrings && forwarded !== undefined ? metadata : forwarded;
}
