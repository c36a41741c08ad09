// Writes one dashboard file: its content type, caching (a year for hashed assets, always
// revalidate for index.html) and headers that keep the page from being framed or sniffed.

import { readFile } from 'node:fs/promises';
import { clientGone } from '../http/client-gone.js';
import type { RequestContext } from '../http/request-context.js';
import { contentTypeFor } from './content-type-for.js';

/** Scripts and styles come only from the gateway; charts set inline style attributes. */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

export async function sendUiFile(context: RequestContext, path: string, extension: string, hashed: boolean): Promise<boolean> {
  let body: Buffer;
  try {
    body = await readFile(path);
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
  if (clientGone(context.response)) return true;
  const headers = context.headers;
  headers['content-type'] = contentTypeFor(extension);
  headers['content-length'] = body.length;
  headers['cache-control'] = hashed ? 'public, max-age=31536000, immutable' : 'no-cache';
  headers['x-content-type-options'] = 'nosniff';
  headers['referrer-policy'] = 'no-referrer';
  if (extension === '.html') {
    headers['content-security-policy'] = CONTENT_SECURITY_POLICY;
    headers['x-frame-options'] = 'DENY';
  }
  context.response.writeHead(200, headers);
  context.response.end(body);
  return true;
}

export function sendUiText(context: RequestContext, status: number, text: string): void {
  if (clientGone(context.response)) return;
  const headers = context.headers;
  headers['content-type'] = 'text/plain; charset=utf-8';
  headers['content-length'] = Buffer.byteLength(text);
  headers['cache-control'] = 'no-store';
  headers['x-content-type-options'] = 'nosniff';
  context.response.writeHead(status, headers);
  context.response.end(text);
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR';
}
