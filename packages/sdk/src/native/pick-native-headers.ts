// Header selection for passthrough calls: which client headers a provider forwards (only the
// names its dialect defines, so credentials can never slip through), and which upstream
// headers go back to the client (its content type and request id, not its rate-limit state
// or cookies, which describe the gateway's account rather than the client's).

import type { HttpResponse } from '../http/http-client.js';
import { headerValue } from '../http/read-body.js';

export function pickForwardedHeaders(headers: Readonly<Record<string, string>>, names: readonly string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = headers[name];
    if (value !== undefined && value !== '') picked[name] = value;
  }
  return picked;
}

/** content-type (the upstream's, else `fallbackType`) and, where named, the upstream's request id. */
export function pickReplyHeaders(upstream: HttpResponse['headers'], fallbackType: string, idHeader?: string): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': headerValue(upstream, 'content-type') ?? fallbackType };
  const id = idHeader === undefined ? undefined : headerValue(upstream, idHeader);
  if (id !== undefined && idHeader !== undefined) headers[idHeader] = id;
  return headers;
}
