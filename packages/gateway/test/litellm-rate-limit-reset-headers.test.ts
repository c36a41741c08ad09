// OpenAI's `x-ratelimit-reset-requests` / `x-ratelimit-reset-tokens` (the time until the
// tightest request and token limits are full again, written as OpenAI writes it: "12ms",
// "29.5s", "1m0s"), and LiteLLM's per-descriptor `x-ratelimit-<descriptor>-*` headers on a
// 429 as well as on a success. Over HTTP with the openai client; the gateway's clock is
// fixed inside a minute window, so the reset is known to the millisecond.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chatAs, clientWithKey, customerRecord } from './helpers/limits-gateway.js';
import { startStoreLimitsGateway, type StoreLimitsGateway } from './helpers/store-limits-gateway.js';

/** A minute window's start (epoch ms divisible by 60 000). */
const WINDOW_START = 1_800_000_000_000;

describe('rate-limit reset headers and LiteLLM descriptor headers on 429s', () => {
  let gateway: StoreLimitsGateway;
  let now = WINDOW_START + 30_500;

  before(async () => {
    gateway = await startStoreLimitsGateway({
      customers: [customerRecord('reset-customer', { rpm_limit: 5, tpm_limit: 10_000 }), customerRecord('one-call-customer', { rpm_limit: 1 })],
      clock: () => now,
    });
  });
  after(() => gateway.close());

  it("x-ratelimit-reset-requests and -tokens say, in OpenAI's duration form, when the per-minute limits are full again", async () => {
    now = WINDOW_START + 30_500;
    const first = await chatAs(gateway.client, 'reset-customer');
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('x-ratelimit-reset-requests'), '29.5s');
    assert.equal(first.headers.get('x-ratelimit-reset-tokens'), '29.5s');
    now = WINDOW_START + 59_988;
    const late = await chatAs(gateway.client, 'reset-customer');
    assert.equal(late.headers.get('x-ratelimit-reset-requests'), '12ms');
    assert.equal(late.headers.get('x-ratelimit-remaining-requests'), '3');
    // The next window starts full: a whole minute to the next reset.
    now = WINDOW_START + 60_000;
    const next = await chatAs(gateway.client, 'reset-customer');
    assert.equal(next.headers.get('x-ratelimit-reset-requests'), '1m0s');
    assert.equal(next.headers.get('x-ratelimit-remaining-requests'), '4');
  });

  it('a call with no request or token limit gets no reset headers (nothing resets)', async () => {
    const unlimited = await chatAs(gateway.client, undefined);
    assert.equal(unlimited.status, 200);
    assert.equal(unlimited.headers.get('x-ratelimit-reset-requests'), null);
    assert.equal(unlimited.headers.get('x-ratelimit-reset-tokens'), null);
  });

  it("a 429 carries LiteLLM's per-descriptor headers (the refusing limit at 0, the limits before it) and the reset", async () => {
    now = WINDOW_START + 120_000 + 45_000;
    const { client } = await clientWithKey(gateway.url, { rpm_limit: 100 });
    const allowed = await chatAs(client, 'one-call-customer');
    assert.equal(allowed.status, 200);
    assert.equal(allowed.headers.get('x-ratelimit-end_user-remaining-requests'), '0');
    const refused = await chatAs(client, 'one-call-customer');
    assert.equal(refused.status, 429);
    assert.equal(refused.error?.type, 'rate_limit_error');
    assert.equal(refused.headers.get('x-ratelimit-end_user-limit-requests'), '1');
    assert.equal(refused.headers.get('x-ratelimit-end_user-remaining-requests'), '0');
    // The key's limit, checked before the customer's refused the call; the refused call is not counted against it.
    assert.equal(refused.headers.get('x-ratelimit-api_key-limit-requests'), '100');
    assert.equal(refused.headers.get('x-ratelimit-api_key-remaining-requests'), '99');
    assert.equal(refused.headers.get('x-ratelimit-remaining-requests'), '0');
    assert.equal(refused.headers.get('x-ratelimit-limit-requests'), '1');
    assert.equal(refused.headers.get('x-ratelimit-reset-requests'), '15s');
    assert.equal(refused.headers.get('retry-after'), '15');
  });
});
