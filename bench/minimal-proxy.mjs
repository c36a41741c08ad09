// The Node floor: the least a Node proxy can do per request. node:http in, one undici Pool
// out, the body forwarded as bytes, the reply piped back unchanged (SSE included, with
// backpressure). No auth, no parsing, no logging: llmux's cost is measured against this.
// Usage: node bench/minimal-proxy.mjs --port P --upstream http://127.0.0.1:U

import { createServer } from 'node:http';
import { pipeline } from 'node:stream';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';

const { values } = parseArgs({ options: { port: { type: 'string' }, upstream: { type: 'string' } } });
// No connection cap: every open client stream gets its own upstream connection at once.
const pool = new Pool(values.upstream, { pipelining: 1, keepAliveTimeout: 30_000 });

const server = createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const abort = new AbortController();
    response.once('close', () => abort.abort());
    pool.request(
      {
        path: request.url,
        method: request.method,
        headers: { 'content-type': 'application/json', authorization: request.headers.authorization ?? '' },
        body: Buffer.concat(chunks),
        signal: abort.signal,
      },
      (error, upstream) => {
        if (error) {
          if (!response.headersSent) response.writeHead(502, { 'content-type': 'application/json' });
          response.end('{"error":{"message":"upstream failed","type":"api_error"}}');
          return;
        }
        response.writeHead(upstream.statusCode, { 'content-type': upstream.headers['content-type'] ?? 'application/json' });
        pipeline(upstream.body, response, () => undefined);
      },
    );
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(values.port), '127.0.0.1');
