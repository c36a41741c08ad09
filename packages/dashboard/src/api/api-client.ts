// The one place the dashboard talks HTTP: every call carries the user's key as a bearer
// token, and every failure becomes an ApiError with the message the gateway gave.

import { ApiError } from './api-error.js';
import { asRecord, readString } from './read-fields.js';

export type Query = Record<string, string | number | boolean | undefined>;

export interface ApiClient {
  get(path: string, query?: Query): Promise<unknown>;
  post(path: string, body: unknown): Promise<unknown>;
}

export function createApiClient(apiKey: string, baseUrl = ''): ApiClient {
  const call = async (method: 'GET' | 'POST', path: string, query: Query | undefined, body: unknown): Promise<unknown> => {
    const headers: Record<string, string> = { authorization: `Bearer ${apiKey}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(baseUrl + path + formatQuery(query), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (error) {
      throw new ApiError(`Could not reach the gateway (${error instanceof Error ? error.message : String(error)})`, 0);
    }
    const text = await response.text();
    const json = parseJson(text);
    if (!response.ok) throw toApiError(response.status, json, text);
    return json;
  };
  return {
    get: (path, query) => call('GET', path, query, undefined),
    post: (path, body) => call('POST', path, undefined, body),
  };
}

function formatQuery(query: Query | undefined): string {
  if (query === undefined) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

function parseJson(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** OpenAI's `{error:{message,code}}` or LiteLLM/FastAPI's `{detail}` bodies. */
function toApiError(status: number, json: unknown, text: string): ApiError {
  const body = asRecord(json);
  const error = asRecord(body.error);
  const detail = body.detail;
  const message =
    readString(error.message) ??
    readString(detail) ??
    readString(asRecord(detail).error) ??
    readString(body.message) ??
    (text.length > 0 && text.length < 300 ? text : `HTTP ${status}`);
  return new ApiError(message, status, readString(error.code));
}
