// A kept-alive connection that the server closed while it was idle: the next request sent on
// it fails before any answer, and HttpClient sends it again once on a new connection. A
// server that resets every attempt still fails the call, after exactly one resend.

import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { APIConnectionError } from '../errors/error-classes.js';
import { HttpClient } from './http-client.js';

describe('HttpClient and connections the server closed', () => {
  let server: Server;
  let url: string;
  let resetAll = false;
  let resets = 0;
  const seen: string[] = [];

  before(async () => {
    // Answers the first request of each connection and resets the connection on the second,
    // as a server whose idle timeout fired just as the request arrived; or resets every one.
    server = createServer((request, response) => {
      const socket = request.socket as typeof request.socket & { served?: number };
      socket.served = (socket.served ?? 0) + 1;
      let body = '';
      request.on('data', (part: Buffer) => (body += part.toString()));
      request.on('end', () => {
        if (resetAll || socket.served !== 1) {
          resets += 1;
          socket.destroy();
          return;
        }
        seen.push(body);
        response.end(JSON.stringify({ echo: body }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/x`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const send = (client: HttpClient, body: string | Readable) => client.send({ url, body, headers: { 'content-type': 'application/json' }, provider: 'test', model: 'm' });

  it('sends a request again on a new connection when the kept-alive one was closed', async () => {
    // One connection per origin, so the second request goes out on the first one's socket.
    const client = new HttpClient({ connectionsPerOrigin: 1 });
    try {
      const first = await send(client, '{"n":1}');
      assert.equal(first.status, 200);
      await first.body.text();
      // Same connection (kept alive): the server resets it; the client resends on a new one.
      const second = await send(client, '{"n":2}');
      assert.equal(second.status, 200);
      assert.deepEqual(await second.body.json(), { echo: '{"n":2}' });
      assert.deepEqual(seen, ['{"n":1}', '{"n":2}']);
    } finally {
      await client.close();
    }
  });

  it('resends once only, and never a body that is a stream', async () => {
    const client = new HttpClient();
    resetAll = true;
    try {
      resets = 0;
      await assert.rejects(send(client, '{"n":3}'), APIConnectionError);
      assert.equal(resets, 2, 'sent, then sent again once');
      resets = 0;
      await assert.rejects(send(client, Readable.from([Buffer.from('{"n":4}')])), APIConnectionError);
      assert.equal(resets, 1, 'a stream body is sent once');
    } finally {
      resetAll = false;
      await client.close();
    }
  });
});
