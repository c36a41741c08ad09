// The gateway's edge over raw HTTP: routing, auth, validation and size limits, each a
// 4xx in OpenAI's error shape, with the server still serving afterwards.

import * as assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startFakeOpenAIUpstream, type FakeServer } from '@llmux/fake-upstreams';
import { errorOf, httpRequest, type RawRequest } from './helpers/http-request.js';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.js';

const MASTER_KEY = 'sk-master-edge-test';
const UPSTREAM_KEY = 'sk-upstream-edge-0123456789';

describe('gateway edge', () => {
  let upstream: FakeServer;
  let gateway: TestGateway;

  before(async () => {
    upstream = await startFakeOpenAIUpstream({ apiKey: UPSTREAM_KEY });
    gateway = await startTestGateway({
      model_list: [{ model_name: 'gpt-test', litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${upstream.url}/v1`, api_key: UPSTREAM_KEY } }],
      general_settings: { master_key: MASTER_KEY, max_request_size_mb: 0.01 },
    });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  const authorized = { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' };
  const post = (path: string, body: string | Buffer, headers: Record<string, string> = authorized) => httpRequest(gateway.url + path, { method: 'POST', headers, body });
  const chat = (body: unknown, extra: RawRequest = {}) => post('/v1/chat/completions', JSON.stringify(body), extra.headers);
  const hello = { model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }] };

  it('answers the health probes without a key', async () => {
    const live = await httpRequest(`${gateway.url}/health/liveliness`);
    assert.equal(live.status, 200);
    assert.equal(live.json, "I'm alive!", 'LiteLLM answers liveness with a JSON string');
    const ready = await httpRequest(`${gateway.url}/health/readiness`);
    assert.equal(ready.status, 200);
    assert.equal((ready.json as { status: string }).status, 'healthy');
    assert.equal((ready.json as { db: string }).db, 'connected', 'the embedded store answers');
    assert.equal(typeof (ready.json as { version: unknown }).version, 'string');
  });

  it('requires the master key on API routes, from Authorization, x-api-key or api-key', async () => {
    const missing = await chat(hello, { headers: { 'content-type': 'application/json' } });
    assert.equal(missing.status, 401);
    assert.equal(errorOf(missing).type, 'authentication_error');
    const wrong = await chat(hello, { headers: { authorization: 'Bearer sk-wrong' } });
    assert.equal(wrong.status, 401);
    assert.equal(errorOf(wrong).code, 'invalid_api_key');
    const models = await httpRequest(`${gateway.url}/v1/models`);
    assert.equal(models.status, 401);
    assert.equal((await chat(hello, { headers: { 'x-api-key': MASTER_KEY } })).status, 200);
    assert.equal((await chat(hello, { headers: { 'api-key': MASTER_KEY } })).status, 200);
    assert.equal((await chat(hello, { headers: { authorization: `bearer ${MASTER_KEY}` } })).status, 200);
  });

  it('lists the model groups', async () => {
    const response = await httpRequest(`${gateway.url}/v1/models`, { headers: authorized });
    assert.equal(response.status, 200);
    const list = response.json as { object: string; data: Array<{ id: string; object: string; owned_by: string; created: number }> };
    assert.equal(list.object, 'list');
    assert.deepEqual(
      list.data.map((model) => [model.id, model.object, model.owned_by]),
      [['gpt-test', 'model', 'openai']],
    );
    assert.equal(typeof list.data[0]?.created, 'number');
    assert.equal((await httpRequest(`${gateway.url}/models`, { headers: authorized })).status, 200);
  });

  it('answers unknown routes with 404 and wrong methods with 405', async () => {
    const unknown = await post('/v1/nothing-here', '{}');
    assert.equal(unknown.status, 404);
    assert.equal(errorOf(unknown).type, 'invalid_request_error');
    assert.match(errorOf(unknown).message, /POST \/v1\/nothing-here/);
    const wrongMethod = await httpRequest(`${gateway.url}/v1/chat/completions`, { headers: authorized });
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.headers.allow, 'POST');
    assert.equal(errorOf(wrongMethod).code, 'method_not_allowed');
  });

  it('rejects invalid JSON and non-object bodies with 400', async () => {
    const invalid = await post('/v1/chat/completions', '{"model": "gpt-test", ');
    assert.equal(invalid.status, 400);
    assert.equal(errorOf(invalid).type, 'invalid_request_error');
    assert.equal(errorOf(invalid).code, 'invalid_json');
    const empty = await post('/v1/chat/completions', '');
    assert.equal(empty.status, 400);
    const array = await post('/v1/chat/completions', '[1, 2]');
    assert.equal(array.status, 400);
    assert.match(errorOf(array).message, /JSON object/);
  });

  it('names the missing or mistyped field in param', async () => {
    const noModel = await chat({ messages: hello.messages });
    assert.equal(noModel.status, 400);
    assert.deepEqual(errorOf(noModel), {
      message: "Missing required parameter: 'model'.",
      type: 'invalid_request_error',
      param: 'model',
      code: 'missing_required_parameter',
    });
    const badTemperature = await chat({ ...hello, temperature: 'warm' });
    assert.equal(badTemperature.status, 400);
    assert.equal(errorOf(badTemperature).param, 'temperature');
    assert.equal(errorOf(badTemperature).code, 'invalid_type');
    const badRole = await chat({ model: 'gpt-test', messages: [{ role: 'user', content: 'a' }, { content: 'b' }] });
    assert.equal(errorOf(badRole).param, 'messages.[1].role');
    const badPart = await chat({ model: 'gpt-test', messages: [{ role: 'user', content: [{ type: 'text', text: 5 }] }] });
    assert.equal(badPart.status, 400);
    assert.equal(errorOf(badPart).param, 'messages.[0].content.[0].text');
    const noContent = await chat({ model: 'gpt-test', messages: [{ role: 'user' }] });
    assert.equal(errorOf(noContent).param, 'messages.[0].content');
    const emptyMessages = await chat({ model: 'gpt-test', messages: [] });
    assert.equal(emptyMessages.status, 400);
    assert.equal(errorOf(emptyMessages).param, 'messages');
    const badEmbedding = await post('/v1/embeddings', JSON.stringify({ model: 'gpt-test', input: { text: 'x' } }));
    assert.equal(badEmbedding.status, 400);
    assert.equal(errorOf(badEmbedding).param, 'input');
  });

  it('answers an unknown model with 404 model_not_found', async () => {
    const response = await chat({ ...hello, model: 'no-such-model' });
    assert.equal(response.status, 404);
    assert.equal(errorOf(response).code, 'model_not_found');
    assert.equal(errorOf(response).param, 'model');
  });

  it('refuses a body over the limit with 413, declared or chunked', async () => {
    const big = JSON.stringify({ ...hello, messages: [{ role: 'user', content: 'x'.repeat(20_000) }] });
    const declared = await post('/v1/chat/completions', big);
    assert.equal(declared.status, 413);
    assert.equal(errorOf(declared).code, 'request_too_large');
    const chunked = await post('/v1/chat/completions', big, { ...authorized, 'transfer-encoding': 'chunked' });
    assert.equal(chunked.status, 413);
  });

  it('never lets the body set deployment settings', async () => {
    const before = upstream.requests.length;
    const response = await chat({ ...hello, api_base: 'http://127.0.0.1:9/v1', api_key: 'sk-client-chosen', extra_headers: { 'x-evil': '1' }, timeout: 0.001 });
    assert.equal(response.status, 200, response.text);
    const sent = upstream.requests[before];
    assert.ok(sent !== undefined);
    assert.equal(sent.headers.authorization, `Bearer ${UPSTREAM_KEY}`);
    assert.equal(sent.headers['x-evil'], undefined);
    const body = sent.json as Record<string, unknown>;
    for (const field of ['api_base', 'api_key', 'extra_headers', 'timeout']) assert.equal(body[field], undefined, field);
  });

  it('makes its own request id for every call, whatever x-request-id the client sends', async () => {
    // The client's id is kept on the spend row (client_request_id), never used as the row's key (issue 15.3).
    const given = await chat(hello, { headers: { ...authorized, 'x-request-id': 'trace-abc.123' } });
    assert.notEqual(given.headers['x-request-id'], 'trace-abc.123');
    assert.equal(given.headers['x-litellm-call-id'], given.headers['x-request-id']);
    const before = Date.now();
    const made = await chat(hello);
    const later = await chat(hello);
    // A UUIDv7: its first 48 bits are the time in ms, so later ids sort after earlier ones.
    const id = String(made.headers['x-request-id']);
    const laterId = String(later.headers['x-request-id']);
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const timeOf = (uuid: string): number => Number.parseInt(uuid.replace('-', '').slice(0, 12), 16);
    assert.ok(timeOf(id) >= before && timeOf(id) <= Date.now(), `the id carries its time (${timeOf(id)})`);
    assert.ok(timeOf(laterId) >= timeOf(id) && laterId !== id);
    const unsafe = await chat(hello, { headers: { ...authorized, 'x-request-id': 'bad id with spaces' } });
    assert.notEqual(unsafe.headers['x-request-id'], 'bad id with spaces');
  });

  it('answers pipelined requests (a queued response has no socket yet, but is alive)', async () => {
    const body = JSON.stringify(hello);
    const one = `POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${MASTER_KEY}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    const { port } = new URL(gateway.url);
    const text = await new Promise<string>((resolve, reject) => {
      // The readiness reply is ready at once, while the chat reply ahead of it still holds the socket.
      const socket = connect(Number(port), '127.0.0.1', () => socket.write(`${one}GET /health/readiness HTTP/1.1\r\nhost: x\r\n\r\n`));
      let received = '';
      socket.on('data', (chunk: Buffer) => {
        received += chunk.toString();
        if (received.includes('"object":"chat.completion"') && received.includes('"status":"healthy"')) {
          socket.destroy();
          resolve(received);
        }
      });
      socket.on('error', reject);
      setTimeout(() => reject(new Error(`pipelined responses did not arrive: ${received}`)), 3_000).unref();
    });
    assert.equal((text.match(/HTTP\/1\.1 200 OK/g) ?? []).length, 2);
  });

  it('keeps serving after all of the above, and logs one line per request', async () => {
    const response = await chat(hello);
    assert.equal(response.status, 200);
    const body = response.json as { object: string; choices: Array<{ message: { content: string } }> };
    assert.equal(body.object, 'chat.completion');
    assert.equal(response.headers['x-litellm-model-group'], 'gpt-test');
    const line = gateway.logs.records().find((record) => record['requestId'] === response.headers['x-request-id']);
    assert.ok(line !== undefined);
    assert.equal(line['status'], 200);
    assert.equal(line['modelGroup'], 'gpt-test');
    assert.equal(typeof line['latencyMs'], 'number');
    assert.equal(typeof line['deploymentId'], 'string');
    assert.equal(typeof line['promptTokens'], 'number');
    for (const text of gateway.logs.lines) {
      assert.ok(!text.includes(MASTER_KEY), 'master key logged');
      assert.ok(!text.includes(UPSTREAM_KEY), 'upstream key logged');
    }
  });
});
