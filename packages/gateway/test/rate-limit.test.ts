// Rate limits through the gateway with the official openai client: RPM, TPM (actual tokens)
// and parallel requests, for customers (the body's `user`) whose limits live in the store,
// with 429 + retry-after + x-ratelimit-* headers, and the remaining quota on successes.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chatAs, customerRecord } from './helpers/limits-gateway.js';
import { startStoreLimitsGateway, type StoreLimitsGateway } from './helpers/store-limits-gateway.js';
import { readChatStream } from './helpers/read-chat-stream.js';

describe('rate limits through the gateway (memory counters, SQLite store)', () => {
  let gateway: StoreLimitsGateway;

  before(async () => {
    gateway = await startStoreLimitsGateway({
      customers: [
        customerRecord('rpm-customer', { rpm_limit: 2 }),
        customerRecord('tpm-customer', { tpm_limit: 40 }),
        customerRecord('streamer', { max_parallel_requests: 1, tpm_limit: 40 }),
      ],
    });
  });
  after(() => gateway.close());

  it('answers the third call in a minute with 429, retry-after and x-ratelimit headers', async () => {
    const first = await chatAs(gateway.client, 'rpm-customer');
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('x-ratelimit-limit-requests'), '2');
    assert.equal(first.headers.get('x-ratelimit-remaining-requests'), '1');
    assert.equal((await chatAs(gateway.client, 'rpm-customer')).status, 200);
    const third = await chatAs(gateway.client, 'rpm-customer');
    assert.equal(third.status, 429);
    assert.equal(third.error?.type, 'rate_limit_error');
    assert.match(third.error?.message ?? '', /customer rpm-customer/);
    assert.equal(third.headers.get('x-ratelimit-remaining-requests'), '0');
    const retryAfter = Number(third.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `retry-after ${retryAfter}`);
    // Other callers are not affected.
    assert.equal((await chatAs(gateway.client, undefined)).status, 200);
  });

  it('frees a parallel slot when a stream ends and counts its tokens', async () => {
    for (let round = 0; round < 2; round += 1) {
      const stream = await gateway.client.chat.completions.create({
        model: 'gpt-test',
        messages: [{ role: 'user', content: 'hi' }],
        user: 'streamer',
        stream: true,
        stream_options: { include_usage: true },
      });
      const { text } = await readChatStream(stream);
      assert.equal(text, 'counted reply');
    }
    const third = await chatAs(gateway.client, 'streamer');
    // 2 × 18 tokens used of 40: the third call's estimate (1) still fits.
    assert.equal(third.status, 200);
    assert.equal(third.headers.get('x-ratelimit-remaining-tokens'), String(40 - 36 - 1));
  });

  it('counts the tokens actually used against TPM', async () => {
    // Each call uses 18 tokens (12 + 6) whatever was estimated: 18, 36, then 36 + 1 > 40.
    const first = await chatAs(gateway.client, 'tpm-customer');
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('x-ratelimit-limit-tokens'), '40');
    const second = await chatAs(gateway.client, 'tpm-customer');
    assert.equal(second.status, 200);
    assert.equal(second.headers.get('x-ratelimit-remaining-tokens'), String(40 - 18 - 1));
    const third = await chatAs(gateway.client, 'tpm-customer', { max_tokens: 5 });
    assert.equal(third.status, 429);
    assert.equal(third.headers.get('x-ratelimit-remaining-tokens'), '0');
  });
});

describe('parallel request limit', () => {
  let gateway: StoreLimitsGateway;

  before(async () => {
    gateway = await startStoreLimitsGateway({ customers: [customerRecord('one-at-a-time', { max_parallel_requests: 1 })], upstreamDelayMs: 300 });
  });
  after(() => gateway.close());

  it('refuses a second concurrent call and frees the slot when the first ends', async () => {
    const slow = chatAs(gateway.client, 'one-at-a-time');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const concurrent = await chatAs(gateway.client, 'one-at-a-time');
    assert.equal(concurrent.status, 429);
    assert.match(concurrent.error?.message ?? '', /parallel requests/);
    assert.equal((await slow).status, 200);
    assert.equal((await chatAs(gateway.client, 'one-at-a-time')).status, 200);
  });

  it('frees the slot when the client hangs up', async () => {
    const controller = new AbortController();
    const abandoned = gateway.client.chat.completions.create(
      { model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }], user: 'one-at-a-time' },
      { signal: controller.signal },
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    await assert.rejects(abandoned);
    // The gateway ends the call when the upstream answers (300 ms), then frees the slot.
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal((await chatAs(gateway.client, 'one-at-a-time')).status, 200);
  });
});
