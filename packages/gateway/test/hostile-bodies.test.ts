// Large bodies cannot exhaust memory (issue 15, finding 6: RSS reached 3.8 GB on 15-50 MB
// bodies). The limit is enforced while reading: a declared oversize body is refused unread,
// a chunked one as soon as the count passes the limit; and large bodies in flight share one
// 128 MiB budget, past which a body is refused with 413 and Retry-After.

import * as assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startFakeOpenAIUpstream, type FakeServer } from '@llmux/fake-upstreams';
import { createLogger } from '../src/logging/create-logger.js';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.js';

const MiB = 1024 * 1024;
const KEY = 'sk-master-bodies';

/** A raw connection: what it has received, and how many body bytes it got to send. */
interface RawClient {
  socket: Socket;
  reply(): Promise<string>;
}

function open(url: string, head: string): RawClient {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let text = '';
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => {
    text += chunk;
  });
  socket.on('error', () => undefined);
  socket.write(head);
  const reply = (): Promise<string> =>
    new Promise((resolve) => {
      const check = (): void => {
        if (/\r\n\r\n/.test(text)) resolve(text);
        else socket.once('data', check);
      };
      check();
      socket.once('close', () => resolve(text));
    });
  return { socket, reply };
}

const head = (url: string, headers: string): string =>
  `POST /v1/chat/completions HTTP/1.1\r\nhost: ${new URL(url).host}\r\nauthorization: Bearer ${KEY}\r\ncontent-type: application/json\r\n${headers}\r\n`;

/** Writes chunked parts of `part` bytes until the server answers; resolves to bytes sent. */
async function sendChunkedUntilAnswered(client: RawClient, part: number, maxBytes: number): Promise<number> {
  let sent = 0;
  let answered = false;
  void client.reply().then(() => {
    answered = true;
  });
  const chunk = Buffer.alloc(part, 'a');
  while (!answered && sent < maxBytes && !client.socket.destroyed) {
    client.socket.write(`${part.toString(16)}\r\n`);
    client.socket.write(chunk);
    const ok = client.socket.write('\r\n');
    sent += part;
    if (!ok) await new Promise((resolve) => setTimeout(resolve, 5));
    else await new Promise((resolve) => setImmediate(resolve));
  }
  return sent;
}

describe('large bodies', () => {
  let upstream: FakeServer;
  let gateway: TestGateway;
  before(async () => {
    upstream = await startFakeOpenAIUpstream({ apiKey: 'sk-up' });
    gateway = await startTestGateway(
      {
        model_list: [{ model_name: 'gpt-a', litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${upstream.url}/v1`, api_key: 'sk-up' } }],
        // 100 MB: room to show the shared budget (128 MiB) refusing what each limit allows.
        general_settings: { master_key: KEY, max_request_size_mb: 100 },
      },
      { ...process.env },
      { logger: createLogger('silent') },
    );
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  it('a declared 150 MB body is refused with 413 after 1 MB of it, unread', async () => {
    const client = open(gateway.url, head(gateway.url, `content-length: ${150 * MiB}\r\n`));
    client.socket.write(Buffer.alloc(MiB, 'a'));
    const reply = await client.reply();
    assert.match(reply, /^HTTP\/1\.1 413 /);
    assert.match(reply, /connection: close/i);
    client.socket.destroy();
  });

  it('a chunked body is refused (413) as soon as it passes 100 MB, not at its end', async () => {
    const client = open(gateway.url, head(gateway.url, 'transfer-encoding: chunked\r\n'));
    const sent = await sendChunkedUntilAnswered(client, MiB, 400 * MiB);
    const reply = await client.reply();
    client.socket.destroy();
    assert.match(reply, /^HTTP\/1\.1 413 /);
    // Socket buffers let a few MB more leave the client before it sees the answer.
    assert.ok(sent > 100 * MiB && sent < 140 * MiB, `sent ${(sent / MiB).toFixed(0)} MB before the 413`);
  });

  it('large bodies in flight share 128 MiB: the one past it gets 413 with Retry-After, and the share is given back', async () => {
    const holder = open(gateway.url, head(gateway.url, `content-length: ${100 * MiB}\r\n`));
    holder.socket.write('{');
    // Let the gateway take the holder's share before the next one asks.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const refused = open(gateway.url, head(gateway.url, `content-length: ${50 * MiB}\r\n`));
    const reply = await refused.reply();
    refused.socket.destroy();
    assert.match(reply, /^HTTP\/1\.1 413 /);
    assert.match(reply, /retry-after: 1/i);
    assert.match(reply, /request_bodies_over_budget/);
    holder.socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Given back: the same 50 MB is now read to its end (and found not to be JSON).
    const admitted = open(gateway.url, head(gateway.url, `content-length: ${50 * MiB}\r\n`));
    admitted.socket.write(Buffer.alloc(50 * MiB, 'x'));
    const second = await admitted.reply();
    admitted.socket.destroy();
    assert.match(second, /^HTTP\/1\.1 400 /);
    assert.match(second, /invalid_json/);
  });
});
