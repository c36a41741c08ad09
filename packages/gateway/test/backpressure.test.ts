// Backpressure end to end: while the client reads nothing, the gateway must stop pulling
// from the upstream instead of buffering the whole stream in memory.

import * as assert from 'node:assert/strict';
import { request, type IncomingMessage } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { startFakeServer, type FakeServer } from '@llmux/fake-upstreams';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.js';

const CHUNKS = 3_000;
const CHUNK_TEXT = 'x'.repeat(16 * 1024);

/** An upstream that streams ~48 MB as fast as its socket lets it, counting what it wrote. */
function startFloodUpstream(progress: { written: number }): Promise<FakeServer> {
  return startFakeServer(async (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    for (let index = 0; index < CHUNKS && !response.destroyed; index += 1) {
      const chunk = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'flood', choices: [{ index: 0, delta: { content: CHUNK_TEXT }, finish_reason: null }] };
      progress.written += 1;
      if (!response.write(`data: ${JSON.stringify(chunk)}\n\n`)) await new Promise((resolve) => response.once('drain', resolve));
    }
    response.end('data: [DONE]\n\n');
  });
}

describe('streaming backpressure', () => {
  const progress = { written: 0 };
  let upstream: FakeServer;
  let gateway: TestGateway;

  before(async () => {
    upstream = await startFloodUpstream(progress);
    gateway = await startTestGateway({ model_list: [{ model_name: 'flood', litellm_params: { model: 'openai/flood', api_base: `${upstream.url}/v1`, api_key: 'sk-x' } }] });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  it('stops reading the upstream while the client does not read, then delivers everything', async () => {
    const incoming = await new Promise<IncomingMessage>((resolve, reject) => {
      const outgoing = request(`${gateway.url}/v1/chat/completions`, { method: 'POST' }, resolve);
      outgoing.on('error', reject);
      outgoing.end(JSON.stringify({ model: 'flood', stream: true, messages: [{ role: 'user', content: 'hi' }] }));
    });
    incoming.pause();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const writtenWhilePaused = progress.written;
    assert.ok(writtenWhilePaused < CHUNKS / 2, `the upstream wrote ${writtenWhilePaused} of ${CHUNKS} chunks while the client read nothing`);

    let text = '';
    incoming.setEncoding('utf8');
    incoming.on('data', (part: string) => (text += part));
    incoming.resume();
    await new Promise((resolve) => incoming.once('end', resolve));
    assert.equal(progress.written, CHUNKS);
    assert.ok(text.endsWith('data: [DONE]\n\n'));
    assert.equal(text.split('\n\n').filter((event) => event.startsWith('data: {')).length, CHUNKS);
  });
});
