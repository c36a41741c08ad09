// HttpClient.sendWhole: a reply read into one Buffer without a body stream. It must give what
// send() + reading the body gives (status, headers as Node names them, every byte), resend
// once on a kept-alive connection the server closed, and stop on the caller's abort signal
// and on the idle timeout with the same typed errors as send().

import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { APIConnectionError, TimeoutError } from '../errors/error-classes.js';
import { HttpClient } from './http-client.js';

describe('HttpClient.sendWhole', { timeout: 20_000 }, () => {
  let server: Server;
  let origin: string;
  let resetSecond = false;

  before(async () => {
    server = createServer((request, response) => {
      const socket = request.socket as typeof request.socket & { served?: number };
      socket.served = (socket.served ?? 0) + 1;
      request.resume();
      request.on('end', () => {
        if (resetSecond && socket.served !== 1) {
          socket.destroy();
          return;
        }
        if (request.url === '/early-hints') response.writeEarlyHints({ link: '</a>; rel=preload' });
        if (request.url === '/slow') {
          // Headers and a first piece, then silence: the body never ends.
          response.writeHead(200, { 'content-type': 'application/json' });
          response.write('{"partial":');
          return;
        }
        if (request.url === '/error') {
          response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '7' });
          response.end('{"error":{"message":"slow down"}}');
          return;
        }
        response.setHeader('set-cookie', ['a=1', 'b=2']);
        response.setHeader('X-Request-Id', 'req-1');
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        // Several writes, so the body arrives as several pieces; "é" is split across two.
        const bytes = Buffer.from('{"text":"caf\u00e9","n":[1,2,3]}');
        const cut = bytes.indexOf(0xa9);
        response.write(bytes.subarray(0, cut));
        setTimeout(() => response.end(bytes.subarray(cut)), 5);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const request = (path: string, extra: { signal?: AbortSignal; idleTimeoutMs?: number } = {}) => ({
    url: `${origin}${path}`,
    body: '{}',
    headers: { 'content-type': 'application/json' },
    provider: 'test',
    model: 'm',
    ...extra,
  });

  it('gives the same status, headers and bytes as send() and reading the body', async () => {
    const client = new HttpClient();
    try {
      const whole = await client.sendWhole(request('/ok'));
      const streamed = await client.send(request('/ok'));
      const streamedBytes = Buffer.from(await streamed.body.arrayBuffer());
      assert.equal(whole.status, 200);
      assert.equal(whole.status, streamed.status);
      assert.ok(whole.body.equals(streamedBytes));
      assert.deepEqual(JSON.parse(whole.body.toString('utf8')), { text: 'caf\u00e9', n: [1, 2, 3] });
      assert.equal(whole.headers['x-request-id'], 'req-1');
      assert.deepEqual(whole.headers['set-cookie'], ['a=1', 'b=2']);
      for (const name of ['content-type', 'x-request-id', 'set-cookie', 'transfer-encoding']) assert.deepEqual(whole.headers[name], streamed.headers[name], name);
    } finally {
      await client.close();
    }
  });

  it('skips an informational answer and gives the final one', async () => {
    const client = new HttpClient();
    try {
      const whole = await client.sendWhole(request('/early-hints'));
      assert.equal(whole.status, 200);
      assert.equal(whole.headers['link'], undefined);
      assert.equal(JSON.parse(whole.body.toString('utf8')).text, 'caf\u00e9');
    } finally {
      await client.close();
    }
  });

  it('gives a non-2xx answer with its body, for the provider to turn into its error', async () => {
    const client = new HttpClient();
    try {
      const whole = await client.sendWhole(request('/error'));
      assert.equal(whole.status, 429);
      assert.equal(whole.headers['retry-after'], '7');
      assert.equal(whole.body.toString('utf8'), '{"error":{"message":"slow down"}}');
    } finally {
      await client.close();
    }
  });

  it('sends again once on a new connection when the kept-alive one was closed', async () => {
    const client = new HttpClient({ connectionsPerOrigin: 1 });
    resetSecond = true;
    try {
      assert.equal((await client.sendWhole(request('/ok'))).status, 200);
      const again = await client.sendWhole(request('/ok'));
      assert.equal(again.status, 200);
      assert.equal(JSON.parse(again.body.toString('utf8')).text, 'caf\u00e9');
    } finally {
      resetSecond = false;
      await client.close();
    }
  });

  it("stops on the caller's abort, with the signal's reason", async () => {
    const client = new HttpClient();
    try {
      const controller = new AbortController();
      const reason = new Error('client went away');
      const sent = client.sendWhole(request('/slow', { signal: controller.signal }));
      setTimeout(() => controller.abort(reason), 30);
      await assert.rejects(sent, (error) => error === reason);
      const already = new AbortController();
      already.abort(reason);
      await assert.rejects(client.sendWhole(request('/ok', { signal: already.signal })), (error) => error === reason);
    } finally {
      await client.close();
    }
  });

  it('fails a body that goes idle with the typed timeout, and a refused connection as a connection error', async () => {
    const client = new HttpClient();
    try {
      await assert.rejects(client.sendWhole(request('/slow', { idleTimeoutMs: 50 })), (error) => error instanceof TimeoutError && /went idle/.test(error.message));
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      await assert.rejects(client.sendWhole({ ...request('/ok'), url: `http://127.0.0.1:${port}/x` }), APIConnectionError);
    } finally {
      await client.close();
    }
  });
});
