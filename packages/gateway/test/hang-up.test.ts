// A client that hangs up mid-request: a stream's upstream call is cancelled (its connection
// released); any request is logged as 499 at info (not as a gateway error); the gateway
// keeps serving.

import * as assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { startFakeServer, type FakeServer } from '@llmux/fake-upstreams';
import { httpRequest } from './helpers/http-request.js';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.js';

interface SlowState {
  closedEarly: number;
}

/** Streams a chunk every 50 ms for 10 s, or answers JSON after 300 ms; counts early hang-ups. */
function startSlowUpstream(state: SlowState): Promise<FakeServer> {
  return startFakeServer(async (recorded, response) => {
    response.on('close', () => {
      if (!response.writableEnded) state.closedEarly += 1;
    });
    const chunk = (content: string) => ({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'slow', choices: [{ index: 0, delta: { content }, finish_reason: null }] });
    if ((recorded.json as { stream?: boolean }).stream !== true) {
      // Gives up waiting as soon as the gateway hangs up, so no timer outlives the test.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 300);
        response.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      if (response.destroyed) return;
      const completion = {
        id: 'c',
        object: 'chat.completion',
        created: 1,
        model: 'slow',
        choices: [{ index: 0, message: { role: 'assistant', content: 'late' }, finish_reason: 'stop' }],
      };
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(completion));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    for (let index = 0; index < 200 && !response.destroyed; index += 1) {
      response.write(`data: ${JSON.stringify(chunk(`w${index} `))}\n\n`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    response.end('data: [DONE]\n\n');
  });
}

/** Sends a chat request and hangs up after the first response bytes, or after `afterMs`. */
function hangUp(url: string, requestId: string, body: unknown, afterMs?: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const outgoing = request(`${url}/v1/chat/completions`, { method: 'POST', headers: { 'x-request-id': requestId } }, (incoming) => {
      incoming.once('data', () => {
        outgoing.destroy();
        resolve();
      });
    });
    outgoing.on('error', (error) => ((error as { code?: string }).code === 'ECONNRESET' ? resolve() : reject(error)));
    outgoing.end(JSON.stringify(body));
    if (afterMs !== undefined) {
      setTimeout(() => {
        outgoing.destroy();
        resolve();
      }, afterMs);
    }
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('client hang-ups', () => {
  const state: SlowState = { closedEarly: 0 };
  let slow: FakeServer;
  let gateway: TestGateway;

  before(async () => {
    slow = await startSlowUpstream(state);
    gateway = await startTestGateway({ model_list: [{ model_name: 'slow', litellm_params: { model: 'openai/slow', api_base: `${slow.url}/v1`, api_key: 'sk-x' } }] });
  });
  after(async () => {
    await gateway.close();
    await slow.close();
  });

  // The gateway makes its own request id (a client's x-request-id is not the key, issue 15.3), and a
  // client that hung up never reads it: each test finds the chat line logged after its hang-up.
  const chatLines = () => gateway.logs.records().filter((record) => record['path'] === '/v1/chat/completions');
  const lineAfter = async (count: number) => {
    await waitFor(() => chatLines().length > count);
    return chatLines()[count];
  };

  it('cancels the upstream stream when the client hangs up, and logs 499', async () => {
    const before = state.closedEarly;
    const logged = chatLines().length;
    await hangUp(gateway.url, 'hang-up-stream', { model: 'slow', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    await waitFor(() => state.closedEarly > before);
    assert.equal(state.closedEarly, before + 1, 'the upstream connection was released');
    const line = await lineAfter(logged);
    assert.equal(line?.['status'], 499);
    assert.equal(line?.['level'], 30, 'a hang-up is not a gateway error');
  });

  it('logs a non-stream hang-up as 499 once the upstream answers', async () => {
    const logged = chatLines().length;
    await hangUp(gateway.url, 'hang-up-json', { model: 'slow', messages: [{ role: 'user', content: 'hi' }] }, 100);
    const line = await lineAfter(logged);
    assert.equal(line?.['status'], 499);
    assert.equal(line?.['level'], 30);
  });

  it('still serves after hang-ups', async () => {
    const response = await httpRequest(`${gateway.url}/health/readiness`);
    assert.equal(response.status, 200);
  });
});
