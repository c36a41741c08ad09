// GET /health checks each deployment with a minimal call and answers LiteLLM's shape; it
// needs the master key. Background checks cool a failing deployment down in the router.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeOpenAIUpstream, type FakeServer } from '@llmux/fake-upstreams';
import { httpRequest } from './helpers/http-request.js';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.js';

const MASTER_KEY = 'sk-master-health-checks';
const UPSTREAM_KEY = 'sk-upstream-health-good-0001';
const WRONG_KEY = 'sk-upstream-health-wrong-0002';

interface Endpoint {
  model: string;
  model_name: string;
  model_id: string;
  error?: string;
  reason?: string;
}
interface Report {
  healthy_endpoints: Endpoint[];
  unhealthy_endpoints: Endpoint[];
  skipped_endpoints: Endpoint[];
  healthy_count: number;
  unhealthy_count: number;
}

function modelList(base: string): unknown[] {
  return [
    { model_name: 'good', litellm_params: { model: 'openai/gpt-4o-mini', api_base: base, api_key: UPSTREAM_KEY }, model_info: { id: 'good-1' } },
    { model_name: 'refused', litellm_params: { model: 'openai/gpt-4o-mini', api_base: base, api_key: WRONG_KEY }, model_info: { id: 'refused-1' } },
    { model_name: 'embed', litellm_params: { model: 'openai/text-embedding-3-small', api_base: base, api_key: UPSTREAM_KEY }, model_info: { id: 'embed-1', mode: 'embedding' } },
    { model_name: 'openai/*', litellm_params: { model: 'openai/*', api_base: base, api_key: UPSTREAM_KEY }, model_info: { id: 'wild-1' } },
  ];
}

describe('GET /health', () => {
  let upstream: FakeServer;
  let gateway: TestGateway;
  const auth = { authorization: `Bearer ${MASTER_KEY}` };

  before(async () => {
    upstream = await startFakeOpenAIUpstream({ apiKey: UPSTREAM_KEY });
    gateway = await startTestGateway({ model_list: modelList(`${upstream.url}/v1`), general_settings: { master_key: MASTER_KEY } });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  it('needs the master key', async () => {
    assert.equal((await httpRequest(`${gateway.url}/health`)).status, 401);
    assert.equal((await httpRequest(`${gateway.url}/health`, { headers: { authorization: 'Bearer sk-not-the-master' } })).status, 401);
  });

  it('checks every deployment with one minimal call and reports each, secrets masked', async () => {
    const seen = upstream.requests.length;
    const response = await httpRequest(`${gateway.url}/health`, { headers: auth });
    assert.equal(response.status, 200, response.text);
    const report = response.json as Report;
    assert.deepEqual(report.healthy_endpoints.map((endpoint) => endpoint.model_id).sort(), ['embed-1', 'good-1']);
    assert.deepEqual(
      report.unhealthy_endpoints.map((endpoint) => endpoint.model_id),
      ['refused-1'],
    );
    assert.equal(report.healthy_count, 2);
    assert.equal(report.unhealthy_count, 1);
    assert.match(report.unhealthy_endpoints[0]?.error ?? '', /\S/);
    assert.ok(!response.text.includes(WRONG_KEY) && !response.text.includes(UPSTREAM_KEY), 'no upstream key in the answer');
    assert.match(report.skipped_endpoints[0]?.reason ?? '', /health_check_model/);
    const calls = upstream.requests.slice(seen);
    assert.equal(calls.length, 3, 'one call per checked deployment');
    const chat = calls.find((call) => call.url.endsWith('/chat/completions') && (call.headers.authorization ?? '').includes(UPSTREAM_KEY));
    assert.equal(
      (chat?.json as { max_tokens?: number; max_completion_tokens?: number } | undefined)?.max_tokens ?? (chat?.json as { max_completion_tokens?: number }).max_completion_tokens,
      1,
    );
    assert.ok(calls.some((call) => call.url.endsWith('/embeddings')));
  });

  it('checks one model group with ?model=', async () => {
    const report = (await httpRequest(`${gateway.url}/health?model=good`, { headers: auth })).json as Report;
    assert.deepEqual([report.healthy_count, report.unhealthy_count], [1, 0]);
    assert.equal((await httpRequest(`${gateway.url}/health?model=nope`, { headers: auth })).status, 404);
  });
});

describe('background health checks', () => {
  let upstream: FakeServer;
  let gateway: TestGateway;

  before(async () => {
    upstream = await startFakeOpenAIUpstream({ apiKey: UPSTREAM_KEY });
    gateway = await startTestGateway({
      model_list: modelList(`${upstream.url}/v1`),
      general_settings: { master_key: MASTER_KEY, background_health_checks: true, health_check_interval: 60 },
    });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  it('cool a failing deployment down until the next round, and keep the last report', async () => {
    const store = gateway.gateway.router.stateStore;
    const deadline = Date.now() + 10_000;
    while (store.cooldownUntil('refused-1', Date.now()) === undefined) {
      assert.ok(Date.now() < deadline, 'the failing deployment never cooled down');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok((store.cooldownUntil('refused-1', Date.now()) ?? 0) > Date.now() + 50_000, 'cooling down until the next round');
    assert.equal(store.cooldownUntil('good-1', Date.now()), undefined);
    const cached = await httpRequest(`${gateway.url}/health?cached=true`, { headers: { authorization: `Bearer ${MASTER_KEY}` } });
    assert.equal((cached.json as Report).unhealthy_count, 1);
  });
});
