// Test helper: a local HTTP server on 127.0.0.1 port 0 that answers every request with one
// fixed reply (an SSE body or an error), so the official @anthropic-ai/sdk can read what
// the dialect's encoders wrote, exactly as it reads Anthropic.

import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Anthropic from '@anthropic-ai/sdk';

export interface Reply {
  status: number;
  contentType: string;
  body: string;
}

/** Starts the server, hands a client pointed at it to `use`, and closes the server after. */
export async function withAnthropicClient<T>(reply: Reply, use: (client: Anthropic) => Promise<T>): Promise<T> {
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(reply.status, { 'content-type': reply.contentType });
      response.end(reply.body);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  try {
    return await use(new Anthropic({ baseURL: `http://127.0.0.1:${port}`, apiKey: 'test-key', maxRetries: 0 }));
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

export const sse = (body: string): Reply => ({ status: 200, contentType: 'text/event-stream', body });

export const STREAM_PARAMS = { model: 'claude-alias', max_tokens: 256, messages: [{ role: 'user' as const, content: 'Hi' }] };

export const json = (status: number, body: unknown): Reply => ({ status, contentType: 'application/json', body: typeof body === 'string' ? body : JSON.stringify(body) });
