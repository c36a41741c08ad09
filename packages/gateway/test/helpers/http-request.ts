// A raw node:http request, for what the official client cannot send (bad JSON, odd methods).

import { request as httpRequestRaw, type IncomingHttpHeaders } from 'node:http';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: unknown;
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export function httpRequest(url: string, options: RawRequest = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequestRaw(url, { method: options.method ?? 'GET', headers: options.headers }, (incoming) => {
      const parts: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => parts.push(chunk));
      incoming.on('error', reject);
      incoming.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, text, json });
      });
    });
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/** `{"error":{...}}` from a response, asserting the OpenAI shape. */
export function errorOf(response: RawResponse): { message: string; type: string; param: string | null; code: string | null } {
  const body = response.json as { error?: { message: string; type: string; param: string | null; code: string | null } } | undefined;
  if (body?.error === undefined) throw new Error(`expected an OpenAI error body, got ${response.status} ${response.text}`);
  return body.error;
}
