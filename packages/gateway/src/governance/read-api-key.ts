// The key a client presents, in the places LiteLLM looks: `Authorization: Bearer <key>`
// (OpenAI clients), `x-api-key` (Anthropic clients), `api-key` (Azure OpenAI clients).

import type { IncomingHttpHeaders } from 'node:http';

const BEARER = 'bearer ';

export function readApiKey(headers: IncomingHttpHeaders): string | undefined {
  const authorization = headers.authorization;
  if (authorization !== undefined && authorization.length > BEARER.length && authorization.slice(0, BEARER.length).toLowerCase() === BEARER) {
    const key = authorization.slice(BEARER.length).trim();
    if (key !== '') return key;
  }
  return nonEmpty(headers['x-api-key']) ?? nonEmpty(headers['api-key']);
}

function nonEmpty(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  const trimmed = first?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
