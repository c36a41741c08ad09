// Splits a chat body into the fields the gateway knows (routed, or checked by the SDK's
// checkParams) and the client's extras (`top_k`, `web_search_options`, ...), which go into
// the provider's body, where checkParams forwards, drops with a warning or refuses them:
// nothing a client sends vanishes. Deployment settings are never taken from a body: they
// are left out with a warning the client sees (x-llmux-warnings).

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
}

export function splitChatBody(body: Readonly<Record<string, unknown>>): SplitChatBody {
  const params: Record<string, unknown> = {};
  let extras: Record<string, unknown> | undefined;
  let refused: string[] | undefined;
  for (const name in body) {
    const value = body[name];
    if (value === undefined || value === null) continue;
    if (KNOWN_FIELDS.has(name)) {
      if (name === 'metadata') {
        const forwarded = providerMetadata(value as Record<string, unknown>);
        if (forwarded !== undefined) params[name] = forwarded;
      } else params[name] = value;
      continue;
    }
    if (DEPLOYMENT_SETTINGS.has(name)) {
      refused ??= [];
      refused.push(`ignored "${name}": a deployment setting cannot be set in a request body`);
      continue;
    }
    extras ??= {};
    extras[name] = value;
  }
  return { params, extras, refused };
}

/**
 * The metadata a provider receives: OpenAI's map of strings. LiteLLM's other values (the
 * `tags` list, nested objects) are the gateway's (spend rows, tag budgets) and stay here.
 */
function providerMetadata(metadata: Record<string, unknown>): Record<string, string> | undefined {
  let forwarded: Record<string, string> | undefined;
  for (const key in metadata) {
    const value = metadata[key];
    if (typeof value !== 'string') continue;
    forwarded ??= {};
    forwarded[key] = value;
  }
  return forwarded;
}
