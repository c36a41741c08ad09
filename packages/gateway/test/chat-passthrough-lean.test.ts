// The lean path around the passthrough (issue 19): a cached identity's caller is read once,
// not rebuilt for the log line and the metrics of every request; passed-through usage (read
// without zod for everyday usage objects) prices the call.

import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Identity } from '../src/governance/identity.js';
import type { RequestContext } from '../src/http/request-context.js';
import { readCaller } from '../src/observability/read-caller.js';
import { startFakeOpenAIUpstream } from '@llmux/fake-upstreams';
import { httpRequest } from './helpers/http-request.js';
import { keyRecord } from './helpers/key-record.js';
import { startTestGateway } from './helpers/start-test-gateway.js';

describe('the lean request path', () => {
  it('reads a cached identity’s caller once', () => {
    const key = keyRecord('token-hash', { key_alias: 'bench', team_id: 'team-1' });
    const identity: Identity = { kind: 'key', role: 'internal_user', key };
    const context = (who: Identity | undefined) => ({ identity: who }) as unknown as RequestContext; // only `identity` is read
    const first = readCaller(context(identity));
    assert.equal(readCaller(context(identity)), first, 'the same object for the same snapshot');
    assert.deepEqual({ ...first }, { keyAlias: 'bench', keyHash: 'token-hash', teamId: 'team-1', teamAlias: undefined, userId: undefined });
    assert.equal(readCaller(context(undefined)).keyAlias, undefined);
  });

  it('prices a passed-through reply from the usage in its bytes, cached tokens included', async () => {
    const upstream = await startFakeOpenAIUpstream({ reply: () => ({ content: 'hi there', usage: { promptTokens: 7, completionTokens: 3, cachedTokens: 2 } }) });
    const gateway = await startTestGateway({
      model_list: [
        {
          model_name: 'gpt',
          litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${upstream.url}/v1`, api_key: 'sk-x', input_cost_per_token: 0.001, output_cost_per_token: 0.002 },
        },
      ],
    });
    try {
      const answer = await httpRequest(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        body: JSON.stringify({ model: 'gpt', messages: [{ role: 'user', content: 'hi' }] }),
      });
      assert.equal(answer.status, 200);
      // 5 uncached prompt tokens and 3 completion tokens at the deployment's prices; the 2 cached at the catalog's cache-read price.
      assert.ok(Math.abs(Number(answer.headers['x-litellm-response-cost']) - (0.005 + 0.006)) < 1e-5, String(answer.headers['x-litellm-response-cost']));
      const line = gateway.logs.records().find((record) => record['requestId'] === answer.headers['x-request-id']);
      assert.equal(line?.['passthrough'], true);
      assert.equal(line?.['cachedTokens'], 2);
    } finally {
      await gateway.close();
      await upstream.close();
    }
  });
});
