// GET /metrics after real calls through the official openai client: the request counts,
// token sums and spend the calls made, the master-key guard and the label cardinality cap.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeOpenAIUpstream, type FakeServer, type RecordedRequest } from '@llmux/fake-upstreams';
import OpenAI from 'openai';
import { createGatewayMetrics } from '../src/observability/metrics/create-gateway-metrics.js';
import type { RequestContext } from '../src/http/request-context.js';
import { httpRequest } from './helpers/http-request.js';
import { readMetric } from './helpers/read-metric.js';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.js';

const MASTER_KEY = 'sk-master-metrics';

function reply(request: RecordedRequest) {
  const body = request.json as { messages: Array<{ content: string }> };
  if (body.messages.at(-1)?.content === 'break') return { error: { status: 500, body: { error: { message: 'boom', type: 'server_error', param: null, code: null } } } };
  return { content: 'hi there', usage: { promptTokens: 100, completionTokens: 20, cachedTokens: 40 } };
}

describe('/metrics', () => {
  let upstream: FakeServer;
  let gateway: TestGateway;
  let client: OpenAI;

  before(async () => {
    upstream = await startFakeOpenAIUpstream({ apiKey: 'sk-up', reply });
    gateway = await startTestGateway({
      model_list: [
        {
          model_name: 'gpt-metrics',
          litellm_params: {
            model: 'openai/gpt-4o-mini',
            api_base: `${upstream.url}/v1`,
            api_key: 'sk-up',
            input_cost_per_token: 0.001,
            output_cost_per_token: 0.002,
            cache_read_input_token_cost: 0.001,
          },
          model_info: { id: 'deployment-a' },
        },
      ],
      general_settings: { master_key: MASTER_KEY },
    });
    client = new OpenAI({ apiKey: MASTER_KEY, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  const scrape = async (): Promise<string> => {
    const response = await httpRequest(`${gateway.url}/metrics`, { headers: { authorization: `Bearer ${MASTER_KEY}` } });
    assert.equal(response.status, 200);
    assert.match(String(response.headers['content-type']), /text\/plain/);
    return response.text;
  };

  it('counts requests, tokens, spend and latency from real calls', async () => {
    for (let index = 0; index < 3; index += 1) await client.chat.completions.create({ model: 'gpt-metrics', messages: [{ role: 'user', content: 'hello' }] });
    const stream = await client.chat.completions.create({
      model: 'gpt-metrics',
      messages: [{ role: 'user', content: 'hello' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const chunk of stream) void chunk;
    await assert.rejects(client.chat.completions.create({ model: 'gpt-metrics', messages: [{ role: 'user', content: 'break' }] }));

    const text = await scrape();
    const call = { requested_model: 'gpt-metrics', model_id: 'deployment-a', api_provider: 'openai', model: 'gpt-4o-mini' };
    assert.equal(readMetric(text, 'litellm_proxy_total_requests_metric', { requested_model: 'gpt-metrics', status_code: '200' }), 4);
    assert.equal(readMetric(text, 'llmux_requests_total', { ...call, status_code: '200' }), 4);
    assert.equal(readMetric(text, 'litellm_proxy_failed_requests_metric', { requested_model: 'gpt-metrics', exception_status: '500' }), 1);
    assert.equal(readMetric(text, 'litellm_deployment_success_responses', { model_id: 'deployment-a' }), 4);
    assert.equal(readMetric(text, 'litellm_input_tokens_metric', call), 400);
    assert.equal(readMetric(text, 'litellm_output_tokens_metric', call), 80);
    assert.equal(readMetric(text, 'litellm_total_tokens_metric', call), 480);
    assert.equal(readMetric(text, 'llmux_cached_input_tokens_total', call), 160);
    // Per call: 60 uncached × 0.001 + 40 cached × 0.001 + 20 × 0.002 = 0.14 USD.
    assert.ok(Math.abs(readMetric(text, 'litellm_spend_metric', call) - 0.56) < 1e-9);
    assert.equal(readMetric(text, 'litellm_request_total_latency_metric_count', { requested_model: 'gpt-metrics' }), 5);
    assert.equal(readMetric(text, 'litellm_llm_api_latency_metric_count', call), 4);
    assert.equal(readMetric(text, 'litellm_llm_api_time_to_first_token_metric_count', call), 1);
    assert.equal(readMetric(text, 'llmux_in_flight_requests'), 1, 'the scrape itself is in flight');
    assert.equal(readMetric(text, 'litellm_cache_hits_metric'), 0);
  });

  it('requires the master key', async () => {
    assert.equal((await httpRequest(`${gateway.url}/metrics`)).status, 401);
    assert.equal((await httpRequest(`${gateway.url}/metrics`, { headers: { authorization: 'Bearer sk-wrong' } })).status, 401);
  });
});

describe('/metrics configured public', () => {
  it('answers without a key when general_settings.public_metrics is true', async () => {
    const gateway = await startTestGateway({ model_list: [], general_settings: { master_key: MASTER_KEY, public_metrics: true } });
    try {
      const response = await httpRequest(`${gateway.url}/metrics`);
      assert.equal(response.status, 200);
      assert.match(response.text, /llmux_in_flight_requests/);
    } finally {
      await gateway.close();
    }
  });
});

describe('label cardinality', () => {
  it('reports key aliases past the cap as `other`', async () => {
    const metrics = createGatewayMetrics({ maxCallers: 3 });
    for (let index = 0; index < 10; index += 1) {
      const context = fakeContext({ key: { key_alias: `alias-${index}`, token: `hash-${index}`, team_id: null } });
      metrics.start?.(context);
      metrics.end(context, 200);
    }
    const text = await metrics.render();
    const aliases = new Set([...text.matchAll(/litellm_proxy_total_requests_metric\{[^}]*api_key_alias="([^"]*)"/g)].map((match) => match[1]));
    assert.deepEqual([...aliases].sort(), ['alias-0', 'alias-1', 'alias-2', 'other']);
    assert.equal(readMetric(text, 'litellm_proxy_total_requests_metric', { api_key_alias: 'other' }), 7);
  });

  it('sets remaining budget and rate-limit gauges through setRemaining', async () => {
    const metrics = createGatewayMetrics();
    metrics.setRemaining({ scope: 'key', keyHash: 'abc', keyAlias: 'ci', resource: 'budget', remaining: 4.5 });
    metrics.setRemaining({ scope: 'key', keyHash: 'abc', keyAlias: 'ci', resource: 'requests', model: 'gpt', remaining: 17 });
    metrics.setRemaining({ scope: 'team', teamId: 't1', teamAlias: 'search', resource: 'budget', remaining: 99 });
    metrics.recordCooldown({ model: 'gpt-4o', deploymentId: 'd1', provider: 'openai', status: 429 });
    const text = await metrics.render();
    assert.equal(readMetric(text, 'litellm_remaining_api_key_budget_metric', { hashed_api_key: 'abc', api_key_alias: 'ci' }), 4.5);
    assert.equal(readMetric(text, 'litellm_remaining_api_key_requests_for_model', { api_key_alias: 'ci', model: 'gpt' }), 17);
    assert.equal(readMetric(text, 'litellm_remaining_team_budget_metric', { team: 't1', team_alias: 'search' }), 99);
    assert.equal(readMetric(text, 'litellm_deployment_cooled_down', { model_id: 'd1', exception_status: '429' }), 1);
  });
});

function fakeContext(identity: { key: { key_alias: string; token: string; team_id: string | null } }): RequestContext {
  const context = {
    id: 'r',
    method: 'POST',
    path: '/v1/chat/completions',
    startedAt: performance.now(),
    headers: {},
    call: { modelGroup: 'gpt' },
    identity: { kind: 'key', role: 'internal_user', ...identity },
  };
  // The metrics read only these fields; a whole RequestContext needs a live request.
  return context as unknown as RequestContext;
}
