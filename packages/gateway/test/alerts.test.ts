// Alerts: a webhook receives a cooldown alert when the router cools a deployment down and
// one error-rate alert when a model group keeps failing (de-duplicated); sendAlert formats
// Slack bodies; the error-rate window forgets old failures.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeOpenAIUpstream, type FakeServer } from '@llmux/fake-upstreams';
import OpenAI from 'openai';
import { pino } from 'pino';
import { createAlerter, type Alert } from '../src/observability/alerts/create-alerter.js';
import { createErrorRateMonitor } from '../src/observability/alerts/error-rate-monitor.js';
import type { RequestContext } from '../src/http/request-context.js';
import { startCaptureServer, type CaptureServer } from './helpers/capture-server.js';
import { httpRequest } from './helpers/http-request.js';
import { readMetric } from './helpers/read-metric.js';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.js';

const MASTER_KEY = 'sk-master-alerts';
const failure = (status: number) => ({ error: { status, body: { error: { message: 'upstream trouble', type: 'server_error', param: null, code: null } } } });

describe('webhook alerts from a running gateway', () => {
  let good: FakeServer;
  let limited: FakeServer;
  let broken: FakeServer;
  let receiver: CaptureServer;
  let gateway: TestGateway;

  before(async () => {
    good = await startFakeOpenAIUpstream({ reply: () => ({ content: 'fine' }) });
    limited = await startFakeOpenAIUpstream({ reply: () => failure(429) });
    broken = await startFakeOpenAIUpstream({ reply: () => failure(500) });
    receiver = await startCaptureServer();
    const params = (server: FakeServer) => ({ model: 'openai/gpt-4o-mini', api_base: `${server.url}/v1`, api_key: 'sk-up-secret' });
    gateway = await startTestGateway({
      model_list: [
        { model_name: 'gpt-pair', litellm_params: params(good), model_info: { id: 'pair-good' } },
        { model_name: 'gpt-pair', litellm_params: params(limited), model_info: { id: 'pair-limited' } },
        { model_name: 'gpt-broken', litellm_params: params(broken), model_info: { id: 'broken-1' } },
      ],
      router_settings: { cooldown_time: 60 },
      general_settings: {
        master_key: MASTER_KEY,
        alerting: ['webhook'],
        alerting_webhook_url: `${receiver.url}/alerts`,
        alerting_args: { error_rate_min_requests: 3, error_rate_threshold: 0.5 },
      },
    });
  });
  after(async () => {
    await gateway.close();
    for (const server of [good, limited, broken]) await server.close();
    await receiver.close();
  });

  const alerts = () => receiver.requests.map((request) => JSON.parse(request.body) as Record<string, unknown>);

  it('alerts once when a deployment enters cooldown', async () => {
    const client = new OpenAI({ apiKey: MASTER_KEY, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    for (let attempt = 0; attempt < 20 && !alerts().some((alert) => alert['event'] === 'deployment_cooldown'); attempt += 1) {
      await client.chat.completions.create({ model: 'gpt-pair', messages: [{ role: 'user', content: 'hi' }] }).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const cooldowns = alerts().filter((alert) => alert['event'] === 'deployment_cooldown');
    assert.equal(cooldowns.length, 1);
    assert.equal(cooldowns[0]?.['model_id'], 'pair-limited');
    assert.equal(cooldowns[0]?.['model_group'], 'gpt-pair');
    assert.equal(cooldowns[0]?.['level'], 'warning');
    const metrics = await httpRequest(`${gateway.url}/metrics`, { headers: { authorization: `Bearer ${MASTER_KEY}` } });
    assert.equal(readMetric(metrics.text, 'litellm_deployment_cooled_down', { model_id: 'pair-limited' }), 1);
  });

  it('alerts once on an error-rate spike in a model group', async () => {
    const client = new OpenAI({ apiKey: MASTER_KEY, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    for (let call = 0; call < 6; call += 1) {
      await assert.rejects(client.chat.completions.create({ model: 'gpt-broken', messages: [{ role: 'user', content: 'hi' }] }));
    }
    const deadline = Date.now() + 3_000;
    while (!alerts().some((alert) => alert['event'] === 'error_rate_spike') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const spikes = alerts().filter((alert) => alert['event'] === 'error_rate_spike');
    assert.equal(spikes.length, 1, 'de-duplicated per model group');
    assert.equal(spikes[0]?.['model_group'], 'gpt-broken');
    assert.equal(spikes[0]?.['requests'], 3);
    assert.equal(spikes[0]?.['errors'], 3);
    const everything = receiver.requests.map((request) => request.body).join('\n');
    assert.ok(!everything.includes('sk-up-secret') && !everything.includes(MASTER_KEY), 'no keys in alerts');
    const metrics = await httpRequest(`${gateway.url}/metrics`, { headers: { authorization: `Bearer ${MASTER_KEY}` } });
    assert.equal(readMetric(metrics.text, 'llmux_alerts_total', { alert_type: 'error_rate_spike' }), 1);
  });
});

describe('sendAlert', () => {
  it('posts Slack text, de-duplicates within the repeat interval', async () => {
    const receiver = await startCaptureServer();
    let now = 1_000_000;
    const alerter = createAlerter({ targets: [{ url: receiver.url, format: 'slack' }], logger: pino({ level: 'silent' }), repeatSeconds: 60, now: () => now });
    const alert: Alert = { type: 'budget_threshold', level: 'warning', message: 'team eng reached 80% of its budget', dedupeKey: 'budget:eng:80' };
    alerter.sendAlert(alert);
    alerter.sendAlert(alert);
    now += 61_000;
    alerter.sendAlert(alert);
    await alerter.close();
    await receiver.close();
    assert.equal(receiver.requests.length, 2);
    assert.deepEqual(JSON.parse(receiver.requests[0]?.body ?? '{}'), { text: '[llmux warning] team eng reached 80% of its budget' });
  });
});

describe('error-rate window', () => {
  it('forgets failures older than the window', () => {
    const sent: Alert[] = [];
    let now = 0;
    const monitor = createErrorRateMonitor(
      { threshold: 0.5, windowSeconds: 60, minRequests: 4 },
      (alert) => sent.push(alert),
      () => now,
    );
    // The monitor reads only `call.modelGroup`; a whole RequestContext needs a live request.
    const call = (status: number) => monitor.end({ call: { modelGroup: 'g' } } as unknown as RequestContext, status);
    call(500);
    call(500);
    call(500);
    now += 120_000;
    call(500);
    call(200);
    call(200);
    assert.equal(sent.length, 0, 'three old failures fell out of the window');
    call(500);
    assert.equal(sent.length, 1, 'two of four in the window');
    call(400);
    assert.equal(sent.length, 1, 'a client error is not a spike');
  });
});
