// Writes a complete JSON reply in one writeHead + end, with the context's headers.

import { clientGone } from './client-gone.js';
import type { RequestContext } from './request-context.js';

export function sendJson(context: RequestContext, status: number, json: string): void {
  // A client that hung up gets nothing; the request is then logged as 499.
  if (clientGone(context.response)) return;
  const headers = context.headers;
  headers['content-type'] = 'application/json';
  headers['content-length'] = Buffer.byteLength(json);
  context.response.writeHead(status, headers);
  context.response.end(json);
}
