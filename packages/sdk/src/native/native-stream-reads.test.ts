// A passed-through stream hands its caller one chunk per socket read of the upstream, not one
// per HTTP chunk: an upstream that writes a whole short answer at once (many chunked-encoding
// pieces in one TCP segment) reaches the caller as one Buffer with the same bytes, and the
// bytes of a read that ends in a dropped connection come before the error.

import { strict as assert } from 'node:assert';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { APIConnectionError, nativeCall } from '../index.js';
import { asStream } from './__fixtures__/native-fixtures.js';

const API_KEY = 'sk-reads-0001';

function chunk(content: string): string {
  return `data: {"id":"chatcmpl-r1","object":"chat.completion.chunk","created":1,"model":"gpt-4.1","choices":[{"index":0,"delta":{"content":"${content}"},"finish_reason":null}]}\n\n`;
}

const EVENTS = [
  ...['Par', 'is ', 'is ', 'the ', 'capital.'].map(chunk),
  'data: {"id":"chatcmpl-r1","object":"chat.completion.chunk","created":1,"model":"gpt-4.1","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\n',
  'data: {"id":"chatcmpl-r1","object":"chat.completion.chunk","created":1,"model":"gpt-4.1","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":5,"total_tokens":14}}\n\n',
  'data: [DONE]\n\n',
];

/** Writes every event as its own HTTP chunk, all in one corked burst: one read for the client. */
function burst(response: ServerResponse, events: readonly string[]): void {
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  response.cork();
  for (const event of events) response.write(event);
  response.uncork();
}

describe('a passed-through stream, read by socket read', () => {
  let server: Server;
  let url = '';
  let drop = false;

  before(async () => {
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        if (!drop) {
          burst(response, EVENTS);
          response.end();
          return;
        }
        // Content, then the connection is cut before [DONE].
        burst(response, EVENTS.slice(0, 3));
        setTimeout(() => response.socket?.destroy(), 20);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const call = async () =>
    asStream(
      await nativeCall(
        { model: 'openai/gpt-4.1', api_key: API_KEY, api_base: url },
        { dialect: 'openai-chat', body: { model: 'g', messages: [{ role: 'user', content: 'Capital of France?' }], stream: true }, stream: true, headers: {} },
      ),
    );

  it('gives the pieces of one read as one chunk, bytes unchanged, usage read', async () => {
    drop = false;
    const reply = await call();
    const chunks: Buffer[] = [];
    for await (const bytes of reply) chunks.push(bytes);
    assert.equal(Buffer.concat(chunks).toString(), EVENTS.join(''));
    assert.equal(chunks.length, 1, `${chunks.length} chunks for ${EVENTS.length} pieces in one read`);
    assert.equal(reply.usage?.total_tokens, 14);
  });

  it('gives the bytes of a read before the error of the connection that dropped after it', async () => {
    drop = true;
    const reply = await call();
    const chunks: Buffer[] = [];
    let failure: unknown;
    try {
      for await (const bytes of reply) chunks.push(bytes);
    } catch (error) {
      failure = error;
    }
    assert.ok(failure instanceof APIConnectionError, `got ${String(failure)}`);
    assert.equal(Buffer.concat(chunks).toString(), EVENTS.slice(0, 3).join(''));
  });
});
