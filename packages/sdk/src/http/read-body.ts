// Reads upstream bodies. JSON success bodies are parsed once; error bodies are read as text
// with a cap so a misbehaving upstream cannot make us buffer without bound.

import type { WholeResponse } from './collect-response.js';
import type { HttpResponse } from './http-client.js';

const MAX_ERROR_BODY_BYTES = 64 * 1024;

export async function readJson(response: HttpResponse): Promise<unknown> {
  return response.body.json();
}

export async function readErrorText(response: HttpResponse | WholeResponse): Promise<string> {
  if (Buffer.isBuffer(response.body)) return response.body.toString('utf8', 0, MAX_ERROR_BODY_BYTES);
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_ERROR_BODY_BYTES) {
      parts.push(buffer.subarray(0, buffer.length - (size - MAX_ERROR_BODY_BYTES)));
      response.body.destroy();
      break;
    }
    parts.push(buffer);
  }
  return Buffer.concat(parts).toString('utf8');
}

export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function headerValue(headers: HttpResponse['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
