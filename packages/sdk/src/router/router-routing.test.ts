// Cooldowns, strategies, timeouts, tags, aliases, wildcards and fastest response through the
// Router against scripted fake upstreams.

import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RateLimitError, TimeoutError } from '../errors/error-classes.js';
import { Router, type RouterOptions } from './router.js';
import { hi, scenarioDeployment as deployment, useScenarioUpstreams } from './__fixtures__/scenario-deployments.js';

const upstream = useScenarioUpstreams();
const FAST: Partial<RouterOptions> = { retry_backoff: 0.001, max_retry_wait: 0.02 };

describe('Router cooldowns', () => {
  it('cools a deployment down at once on 429 and skips it', async () => {
    const throttled = await upstream({ steps: [{ status: 429, retryAfter: 0 }] });
    const healthy = await upstream({ name: 'healthy' });
    const router = new Router({ modelList: [deployment('m', throttled, 'throttled'), deployment('m', healthy, 'healthy')], random: () => 0, cooldown_time: 60, ...FAST });
    await assert.rejects(router.completion({ model: 'm', messages: hi }), RateLimitError);
    for (let index = 0; index < 5; index += 1) {
      assert.equal((await router.completion({ model: 'm', messages: hi })).llmux.deploymentId, 'healthy');
    }
    assert.equal(throttled.calls, 1);
  });

  it('cools down after allowed_fails failures in a minute (allowed_fails_policy per class)', async () => {
    const flaky = await upstream({ then: { status: 500 } });
    const healthy = await upstream();
    const router = new Router({ modelList: [deployment('m', flaky, 'flaky'), deployment('m', healthy, 'healthy')], random: () => 0, allowed_fails: 2, cooldown_time: 60, ...FAST });
    for (let index = 0; index < 3; index += 1) await assert.rejects(router.completion({ model: 'm', messages: hi }));
    assert.equal((await router.completion({ model: 'm', messages: hi })).llmux.deploymentId, 'healthy');
    assert.equal(flaky.calls, 3);
    const strict = new Router({
      modelList: [deployment('m', flaky, 'flaky2'), deployment('m', healthy, 'healthy2')],
      random: () => 0,
      allowed_fails: 100,
      allowed_fails_policy: { InternalServerErrorAllowedFails: 0 },
      cooldown_time: 60,
    });
    await assert.rejects(strict.completion({ model: 'm', messages: hi }));
    assert.equal((await strict.completion({ model: 'm', messages: hi })).llmux.deploymentId, 'healthy2');
  });

  it('answers 429 with retry-after when the whole group is cooling down, and recovers after', async () => {
    const first = await upstream({ steps: [{ status: 429 }] });
    const second = await upstream({ steps: [{ status: 429 }] });
    const router = new Router({ modelList: [deployment('m', first, 'one'), deployment('m', second, 'two')], cooldown_time: 0.05, num_retries: 2, ...FAST });
    const error = await router.completion({ model: 'm', messages: hi }).then(
      () => assert.fail('expected the group to be cooling down'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof RateLimitError);
    assert.equal(error.code, 'no_healthy_deployments');
    assert.ok(error.retryAfterSeconds !== undefined && error.retryAfterSeconds > 0 && error.retryAfterSeconds <= 0.05);
    await new Promise((resolve) => setTimeout(resolve, 70));
    assert.ok((await router.completion({ model: 'm', messages: hi })).id);
  });
});

describe('Router strategies and limits', () => {
  it('prefers the lowest `order` tier while it is healthy', async () => {
    const primary = await upstream();
    const secondary = await upstream();
    const router = new Router({ modelList: [deployment('m', secondary, 'second', { order: 2 }), deployment('m', primary, 'first', { order: 1 })] });
    for (let index = 0; index < 4; index += 1) assert.equal((await router.completion({ model: 'm', messages: hi })).llmux.deploymentId, 'first');
  });

  it('least-busy spreads concurrent calls; max_parallel_requests caps a deployment', async () => {
    const one = await upstream();
    const two = await upstream();
    const router = new Router({ modelList: [deployment('m', one, 'one'), deployment('m', two, 'two')], routing_strategy: 'least-busy' });
    const replies = await Promise.all([router.completion({ model: 'm', messages: hi }), router.completion({ model: 'm', messages: hi })]);
    assert.deepEqual(new Set(replies.map((reply) => reply.llmux.deploymentId)), new Set(['one', 'two']));
    const stalled = await upstream({ then: 'stall' });
    const capped = new Router({ modelList: [deployment('c', stalled, 'capped', { max_parallel_requests: 1 })], timeout: 5 });
    const controller = new AbortController();
    const pending = capped.completion({ model: 'c', messages: hi, signal: controller.signal }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await assert.rejects(capped.completion({ model: 'c', messages: hi }), (error: unknown) => error instanceof RateLimitError && error.code === 'no_deployment_capacity');
    controller.abort();
    await pending;
  });

  it('latency-based routing moves to the faster deployment; usage-based to the one with headroom', async () => {
    const slow = await upstream();
    const fast = await upstream();
    const latency = new Router({ modelList: [deployment('m', slow, 'slow'), deployment('m', fast, 'fast')], routing_strategy: 'latency-based-routing' });
    latency.stateStore.addLatency('slow', 500);
    latency.stateStore.addLatency('fast', 5);
    assert.equal((await latency.completion({ model: 'm', messages: hi })).llmux.deploymentId, 'fast');
    const usage = new Router({ modelList: [deployment('m', slow, 'busy', { tpm: 100 }), deployment('m', fast, 'idle', { tpm: 100 })], routing_strategy: 'usage-based-routing' });
    usage.stateStore.addUsage('busy', 1, 90, Date.now());
    assert.equal((await usage.completion({ model: 'm', messages: hi })).llmux.deploymentId, 'idle');
  });

  it('cost-based routing picks the cheapest deployment', async () => {
    const server = await upstream();
    const router = new Router({
      modelList: [
        deployment('m', server, 'dear', { input_cost_per_token: 0.01, output_cost_per_token: 0.02 }),
        deployment('m', server, 'cheap', { input_cost_per_token: 0.000001, output_cost_per_token: 0.000002 }),
      ],
      routing_strategy: 'cost-based-routing',
    });
    assert.equal((await router.completion({ model: 'm', messages: hi })).llmux.deploymentId, 'cheap');
  });

  it('pre-call checks skip a deployment whose rpm is spent', async () => {
    const server = await upstream();
    const router = new Router({ modelList: [deployment('m', server, 'small', { rpm: 1 }), deployment('m', server, 'big', { rpm: 1000 })], enable_pre_call_checks: true });
    router.stateStore.addUsage('small', 1, 0, Date.now());
    for (let index = 0; index < 3; index += 1) assert.equal((await router.completion({ model: 'm', messages: hi })).llmux.deploymentId, 'big');
  });
});

describe('Router timeouts', () => {
  it('times out a stalled upstream and retries elsewhere', async () => {
    const stalled = await upstream({ then: 'stall' });
    const healthy = await upstream();
    const router = new Router({ modelList: [deployment('m', stalled, 'stalled'), deployment('m', healthy, 'healthy')], random: () => 0, timeout: 0.1, num_retries: 1, ...FAST });
    const reply = await router.completion({ model: 'm', messages: hi });
    assert.equal(reply.llmux.deploymentId, 'healthy');
    assert.equal(reply.llmux.attemptedRetries, 1);
    await assert.rejects(new Router({ modelList: [deployment('s', stalled, 's')] }).completion({ model: 's', messages: hi, timeout: 0.05 }), TimeoutError);
  });

  it('stream_timeout bounds the wait for the first chunk; a stall after it ends the stream with an error', async () => {
    const stalled = await upstream({ then: 'stall' });
    const router = new Router({ modelList: [deployment('s', stalled, 's')], stream_timeout: 0.05 });
    await assert.rejects(router.completion({ model: 's', messages: hi, stream: true }), TimeoutError);
    const midway = await upstream({ then: 'stall-mid-stream' });
    const idle = new Router({ modelList: [deployment('s', midway, 's')], timeout: 0.1 });
    const stream = await idle.completion({ model: 's', messages: hi, stream: true });
    await assert.rejects(async () => {
      for await (const _chunk of stream) void _chunk;
    }, TimeoutError);
  });
});

describe('Router groups', () => {
  it('routes by tags with enable_tag_filtering', async () => {
    const server = await upstream();
    const router = new Router({
      modelList: [deployment('m', server, 'paid', { tags: ['paid'] }), deployment('m', server, 'free', { tags: ['default'] })],
      enable_tag_filtering: true,
    });
    assert.equal((await router.completion({ model: 'm', messages: hi, tags: ['paid'] })).llmux.deploymentId, 'paid');
    assert.equal((await router.completion({ model: 'm', messages: hi })).llmux.deploymentId, 'free');
    assert.equal((await router.completion({ model: 'm', messages: hi, tags: ['unknown'] })).llmux.deploymentId, 'free');
  });

  it('serves aliases and wildcard groups', async () => {
    const server = await upstream();
    const router = new Router({
      modelList: [
        deployment('gpt-4o', server, 'exact'),
        { model_name: 'openai/*', litellm_params: { model: 'openai/*', api_base: `${server.url}/v1`, api_key: 'sk-test' }, model_info: { id: 'wild' } },
      ],
      model_group_alias: { 'gpt-4': 'gpt-4o', secret: { model: 'gpt-4o', hidden: true } },
    });
    assert.equal((await router.completion({ model: 'gpt-4', messages: hi })).llmux.deploymentId, 'exact');
    const wild = await router.completion({ model: 'openai/gpt-4.1-nano', messages: hi });
    assert.equal(wild.llmux.deploymentId, 'wild');
    assert.equal((server.requests.at(-1)?.json as { model: string }).model, 'gpt-4.1-nano');
    assert.ok(router.hasModel('openai/anything') && router.hasModel('secret'));
    assert.deepEqual(router.modelNames(), ['gpt-4o', 'openai/*', 'gpt-4']);
  });

  it("layers the call's arguments over the deployment's: set ones win, undefined ones leave the deployment's", async () => {
    const server = await upstream();
    const router = new Router({ modelList: [deployment('m', server, 'd', { temperature: 0.2, max_tokens: 7 })] });
    const sent = () => server.requests.at(-1)?.json as { model: string; temperature?: number; max_tokens?: number };
    await router.completion({ model: 'm', messages: hi, temperature: 0.9 });
    assert.deepEqual([sent().model, sent().temperature, sent().max_tokens], ['gpt-4o-mini', 0.9, 7]);
    await router.completion({ model: 'm', messages: hi, temperature: undefined });
    assert.equal(sent().temperature, 0.2);
    // A call's price override applies to that call only.
    const priced = await router.completion({ model: 'm', messages: hi, input_cost_per_token: 1, output_cost_per_token: 0 });
    const plain = await router.completion({ model: 'm', messages: hi });
    assert.equal(priced.llmux.cost, priced.usage?.prompt_tokens);
    assert.notEqual(plain.llmux.cost, priced.llmux.cost);
  });

  it('returns the fastest of several models and cancels the rest', async () => {
    const stalled = await upstream({ then: 'stall' });
    const quick = await upstream({ name: 'quick' });
    const router = new Router({ modelList: [deployment('slow', stalled, 'slow'), deployment('quick', quick, 'quick')] });
    const reply = await router.fastestResponse({ model: 'slow,quick', messages: hi });
    assert.equal(reply.llmux.modelGroup, 'quick');
    const all = await upstream({ then: { status: 500 } });
    const failing = new Router({ modelList: [deployment('a', all, 'a'), deployment('b', all, 'b')] });
    await assert.rejects(failing.fastestResponse({ model: ['a', 'b'], messages: hi }));
  });
});
