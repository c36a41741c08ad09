// Test helper: a local HTTP server on 127.0.0.1 port 0 that answers every request with one
// fixed reply, so an official client (openai, @anthropic-ai/sdk) reads what a dialect wrote.

import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Reply {
  status: number;
  contentType: string;
  body: string;
}

/** Starts the server, hands its base URL (`http://127.0.0.1:<port>`) to `use`, and closes it after. */
export async function withFixedReply<T>(reply: Reply, use: (baseURL: string) => Promise<T>): Promise<T> {
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
    return await use(`http://127.0.0.1:${port}`);
  } finally {
    server.closeAllConnections();
    server.close();
  }
}
