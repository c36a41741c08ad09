// The parsing floor of the unpinned rig (issue 19): the least a gateway that reads the bodies
// can do. node:http in, one undici Pool of 64 connections out; the request body is parsed
// and re-serialised (JSON.parse, JSON.stringify) and so is a JSON reply. A stream is piped
// back unchanged, as the minimal proxy does (its floor per chunk is the same). No auth, no
// logging. Usage: node bench/parsing-proxy.mjs --port P --upstream http://127.0.0.1:U

import { createServer } from 'node:http';
import { pipeline } from 'node:stream';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';

const { values } = parseArgs({ options: { port: { type: 'string' }, upstream: { type: 'string' } } });
const pool = new Pool(values.upstream, { connections: 64, pipelining: 1, keepAliveTimeout: 30_000 });

const fail = (response, status, message) => {
  if (!response.headersSent) response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ error: { message, type: 'api_error' } }));
};

const server = createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return fail(response, 400, 'invalid JSON');
    }
    const abort = new AbortController();
    response.once('close', () => abort.abort());
    pool.request(
      {
        path: request.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: request.headers.authorization ?? '' },
        body: JSON.stringify(body),
        signal: abort.signal,
      },
      (error, upstream) => {
        if (error) return fail(response, 502, 'upstream failed');
        const type = upstream.headers['content-type'] ?? 'application/json';
        if (body.stream === true) {
          response.writeHead(upstream.statusCode, { 'content-type': type });
          pipeline(upstream.body, response, () => undefined);
          return;
        }
        upstream.body.text().then(
          (text) => {
            const json = JSON.stringify(JSON.parse(text));
            response.writeHead(upstream.statusCode, { 'content-type': type, 'content-length': Buffer.byteLength(json) });
            response.end(json);
          },
          () => fail(response, 502, 'upstream reply unreadable'),
        );
      },
    );
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(values.port), '127.0.0.1');
