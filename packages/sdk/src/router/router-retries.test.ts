// Retries and fallbacks through the Router against scripted fake upstreams.

import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BadRequestError, ContextWindowExceededError, RateLimitError } from '../errors/error-classes.js';
import { Router, type RouterOptions } from './router.js';
import { hi, scenarioDeployment as deployment, useScenarioUpstreams } from './__fixtures__/scenario-deployments.js';

const upstream = useScenarioUpstreams();
const FAST: Partial<RouterOptions> = { retry_backoff: 0.001, max_retry_wait: 0.02, cooldown_time: 60 };

describe('Router retries', () => {
  it('retries a retryable error and reports the retry count', async () => {
    const server = await upstream({ steps: [{ status: 500 }, { status: 503 }] });
    const router = new Router({ modelList: [deployment('m', server, 'a')], num_retries: 2, ...FAST });
    const reply = await router.completion({ model: 'm', messages: hi });
    assert.equal(reply.choices[0]?.message.content, 'Hello from gpt-4o-mini');
    assert.equal(reply.llmux.attemptedRetries, 2);
    assert.equal(reply.llmux.attemptedFallbacks, 0);
    assert.equal(server.calls, 3);
  });

  it('gives up after num_retries with the last typed error', async () => {
    const server = await upstream({ then: { status: 500 } });
    const router = new Router({ modelList: [deployment('m', server, 'a')], num_retries: 1, ...FAST });
    await assert.rejects(router.completion({ model: 'm', messages: hi }), (error: unknown) => (error as { status?: number }).status === 500);
    assert.equal(server.calls, 2);
  });

  it('never retries a bad request (flags, not text)', async () => {
    const server = await upstream({ then: { status: 400, type: 'invalid_request_error', message: 'please retry' } });
    const router = new Router({ modelList: [deployment('m', server, 'a')], num_retries: 3, ...FAST });
    await assert.rejects(router.completion({ model: 'm', messages: hi }), BadRequestError);
    assert.equal(server.calls, 1);
  });

  it('takes per-call num_retries and per-class retry_policy', async () => {
    const server = await upstream({ then: { status: 429, retryAfter: 0 } });
    const router = new Router({ modelList: [deployment('m', server, 'a')], num_retries: 5, retry_policy: { RateLimitErrorRetries: 1 }, ...FAST });
    await assert.rejects(router.completion({ model: 'm', messages: hi }), RateLimitError);
    assert.equal(server.calls, 2, 'the policy for RateLimitError wins over num_retries');
    const other = await upstream({ then: { status: 500 } });
    const second = new Router({ modelList: [deployment('m', other, 'b')], num_retries: 5, ...FAST });
    await assert.rejects(second.completion({ model: 'm', messages: hi, num_retries: 0 }));
    assert.equal(other.calls, 1, 'per-call num_retries overrides the router');
  });

  it('honours retry-after, capped by max_retry_wait', async () => {
    const server = await upstream({ steps: [{ status: 429, retryAfter: 30 }] });
    const router = new Router({ modelList: [deployment('m', server, 'a')], num_retries: 1, ...FAST });
    const reply = await router.completion({ model: 'm', messages: hi });
    assert.equal(reply.llmux.attemptedRetries, 1);
  });

  it('retries on another deployment of the group', async () => {
    const bad = await upstream({ then: 'reset' });
    const good = await upstream({ name: 'good' });
    const router = new Router({ modelList: [deployment('m', bad, 'bad'), deployment('m', good, 'good')], num_retries: 1, random: () => 0, ...FAST });
    const reply = await router.completion({ model: 'm', messages: hi });
    assert.equal(reply.llmux.deploymentId, 'good');
    assert.equal(reply.llmux.attemptedRetries, 1);
    // HttpClient sends a request once more on a new connection when the server reset the
    // first one before answering (a closed keep-alive connection); then the Router moves on.
    assert.equal(bad.calls, 2);
  });
});

describe('Router fallbacks', () => {
  it('falls back to the next group and names it', async () => {
    const down = await upstream({ then: { status: 503 } });
    const backup = await upstream({ name: 'backup' });
    const router = new Router({
      modelList: [deployment('primary', down, 'p'), deployment('backup', backup, 'b')],
      fallbacks: [{ primary: ['backup'] }],
      ...FAST,
    });
    const reply = await router.completion({ model: 'primary', messages: hi });
    assert.equal(reply.choices[0]?.message.content, 'Hello from backup');
    assert.equal(reply.llmux.modelGroup, 'backup');
    assert.equal(reply.llmux.attemptedFallbacks, 1);
  });

  it('uses context_window_fallbacks for a context window error, and none for a bad request', async () => {
    const small = await upstream({
      then: { status: 400, type: 'invalid_request_error', code: 'context_length_exceeded', message: "This model's maximum context length is 10 tokens" },
    });
    const big = await upstream({ name: 'big' });
    const router = new Router({
      modelList: [deployment('small', small, 's'), deployment('big', big, 'b'), deployment('other', big, 'o')],
      context_window_fallbacks: [{ small: ['big'] }],
      fallbacks: [{ small: ['other'] }],
      ...FAST,
    });
    const reply = await router.completion({ model: 'small', messages: hi });
    assert.equal(reply.llmux.modelGroup, 'big');

    const plain = await upstream({ then: { status: 400, type: 'invalid_request_error' } });
    const strict = new Router({ modelList: [deployment('x', plain, 'x'), deployment('big', big, 'b')], default_fallbacks: ['big'], ...FAST });
    await assert.rejects(strict.completion({ model: 'x', messages: hi }), BadRequestError);
  });

  it('honours default_fallbacks, max_fallbacks and client-side fallbacks with canUseModel', async () => {
    const down = await upstream({ then: { status: 500 } });
    const up = await upstream({ name: 'up' });
    const modelList = [deployment('a', down, 'a'), deployment('b', down, 'b'), deployment('c', up, 'c')];
    const router = new Router({ modelList, default_fallbacks: ['b', 'c'], ...FAST });
    assert.equal((await router.completion({ model: 'a', messages: hi })).llmux.modelGroup, 'c');
    const limited = new Router({ modelList, default_fallbacks: ['b', 'c'], max_fallbacks: 1, ...FAST });
    await assert.rejects(limited.completion({ model: 'a', messages: hi }));
    const client = new Router({ modelList, ...FAST });
    const reply = await client.completion({ model: 'a', messages: hi, fallbacks: ['b', 'c'] });
    assert.equal(reply.llmux.attemptedFallbacks, 2);
    await assert.rejects(client.completion({ model: 'a', messages: hi, fallbacks: ['c'], canUseModel: (model) => model !== 'c' }));
  });

  it('tries a list of models in order (model: [a, b])', async () => {
    const down = await upstream({ then: { status: 500 } });
    const up = await upstream({ name: 'up' });
    const router = new Router({ modelList: [deployment('a', down, 'a'), deployment('b', up, 'b')], ...FAST });
    const reply = await router.completion({ model: ['a', 'b'], messages: hi });
    assert.equal(reply.llmux.modelGroup, 'b');
  });

  it('falls back on a stream error before the first content, not after', async () => {
    const reset = await upstream({ then: 'reset' });
    const up = await upstream({ name: 'up' });
    const router = new Router({ modelList: [deployment('a', reset, 'a'), deployment('b', up, 'b')], fallbacks: [{ a: ['b'] }], ...FAST });
    const stream = await router.completion({ model: 'a', messages: hi, stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    assert.equal(text, 'Hello from up');
    assert.equal(stream.llmux.modelGroup, 'b');
    assert.equal(router.stateStore.inFlight('a'), 0, 'the failed attempt released its slot');
    assert.equal(router.stateStore.inFlight('b'), 0, 'the stream released its slot at its end');
    assert.ok(router.stateStore.usage('b', Date.now()).tokens > 0, 'the stream counted its tokens');
  });

  it('raises ContextWindowExceededError from pre-call checks and falls back', async () => {
    const up = await upstream({ name: 'up' });
    const router = new Router({
      modelList: [deployment('tiny', up, 't'), { ...deployment('large', up, 'l') }],
      enable_pre_call_checks: true,
      context_window_fallbacks: [{ tiny: ['large'] }],
      ...FAST,
    });
    (router.deployments('tiny')[0] as { model_info: Record<string, unknown> }).model_info['max_input_tokens'] = 3;
    const reply = await router.completion({ model: 'tiny', messages: [{ role: 'user', content: 'this prompt is longer than three tokens' }] });
    assert.equal(reply.llmux.modelGroup, 'large');
    const alone = new Router({ modelList: [deployment('tiny', up, 't', {})], enable_pre_call_checks: true });
    (alone.deployments('tiny')[0] as { model_info: Record<string, unknown> }).model_info['max_input_tokens'] = 3;
    await assert.rejects(alone.completion({ model: 'tiny', messages: [{ role: 'user', content: 'this prompt is longer than three tokens' }] }), ContextWindowExceededError);
  });
});

describe('Router unknown models', () => {
  it('answers 404 for a model nobody serves, even with default_fallbacks', async () => {
    const up = await upstream({});
    const router = new Router({ modelList: [deployment('b', up, 'b')], default_fallbacks: ['b'] });
    await assert.rejects(router.completion({ model: 'nope', messages: hi }), (error: unknown) => (error as { status?: number }).status === 404);
  });
});
