// The key a client presents, in the places LiteLLM looks: `Authorization: Bearer <key>`
// (OpenAI clients), `x-api-key` (Anthropic clients), `api-key` (Azure OpenAI clients).
//
// Whitespace: Node already drops it around a header value, and the spaces or tabs between
// `Bearer` and the key are the header's syntax, so they are skipped. Nothing else is
// forgiven: a key in quotes or behind a second `Bearer` is not the key (LiteLLM's
// replace-all happens to accept `Bearer Bearer sk-…`; we answer 401 and say what is wrong,
// see describeMalformedKey). One slice per request, for the key itself.

import type { IncomingHttpHeaders } from 'node:http';

const BEARER = 'bearer';
const SPACE = 0x20;
const TAB = 0x09;

export function readApiKey(headers: IncomingHttpHeaders): string | undefined {
  const authorization = headers.authorization;
  if (authorization !== undefined) {
    const start = bearerTokenStart(authorization);
    if (start !== -1) {
      let end = authorization.length;
      while (end > start && isBlank(authorization.charCodeAt(end - 1))) end -= 1;
      if (end > start) return authorization.slice(start, end);
    }
  }
  return firstHeaderValue(headers['x-api-key']) ?? firstHeaderValue(headers['api-key']);
}

/** Where the token starts after `Bearer ` (any case, spaces or tabs), or -1: compared in place, nothing allocated. */
function bearerTokenStart(value: string): number {
  if (value.length <= BEARER.length + 1) return -1;
  for (let index = 0; index < BEARER.length; index += 1) {
    // ASCII letters only: OR-ing 0x20 lower-cases them.
    if ((value.charCodeAt(index) | 0x20) !== BEARER.charCodeAt(index)) return -1;
  }
  let start = BEARER.length;
  if (!isBlank(value.charCodeAt(start))) return -1;
  while (start < value.length && isBlank(value.charCodeAt(start))) start += 1;
  return start;
}

function isBlank(code: number): boolean {
  return code === SPACE || code === TAB;
}

/** A header's first value, when there is one; node:http gives repeated headers as a list. */
function firstHeaderValue(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? undefined : first;
}

/**
 * Why a presented key that matched nothing is malformed, or undefined when it merely is
 * unknown. Only for the 401's message, so only on that path; never quotes the key.
 */
export function describeMalformedKey(key: string): string | undefined {
  const first = key.charCodeAt(0);
  if (first === 0x22 || first === 0x27 || key.includes('"') || key.includes("'")) return 'it has quotes around or in it; send the key alone';
  if (/^bearer[ \t]/i.test(key)) return 'it carries a second "Bearer " prefix; send "Authorization: Bearer <key>" once';
  if (/[ \t,;]/.test(key)) return 'it has spaces, commas or semicolons in it; send the key alone';
  return undefined;
}
