// Provider parameters LiteLLM forwards (top_k, thinking) and cache_control, through the public
// completion() to the fake Cohere API, which refuses fields v2 chat does not define.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { startFakeCohereUpstream } from '@llmux/fake-upstreams';
import { completionThrough, useFakeUpstream } from '../__fixtures__/use-fake-upstream.js';

const API_KEY = 'co-params-0123456789';

describe('cohere provider parameters through completion()', () => {
  const upstream = useFakeUpstream((reply) => startFakeCohereUpstream({ apiKey: API_KEY, reply }), { content: 'ok' });
  const { call } = completionThrough(upstream, { model: 'cohere/command-a-reasoning-08-2025', api_key: API_KEY });
  const sent = () => upstream.fake.requests.at(-1)?.json as Record<string, unknown>;

  it('sends top_k as k and thinking as Cohere thinking with its token_budget', async () => {
    const response = await call({ top_k: 40, thinking: { type: 'enabled', budget_tokens: 3000 } });
    assert.equal(sent()['k'], 40);
    assert.equal(sent()['top_k'], undefined);
    assert.deepEqual(sent()['thinking'], { type: 'enabled', token_budget: 3000 });
    assert.deepEqual(response.llmux.warnings, []);
    await call({ thinking: { type: 'disabled' }, reasoning_effort: 'high' });
    assert.deepEqual(sent()['thinking'], { type: 'disabled' });
  });

  it('says cache_control is ignored instead of dropping it silently', async () => {
    const response = await call({ messages: [{ role: 'user', content: [{ type: 'text', text: 'doc', cache_control: { type: 'ephemeral' } }] }] });
    assert.equal(JSON.stringify(sent()).includes('cache_control'), false);
    assert.deepEqual(response.llmux.warnings, ['cache_control ignored: Cohere has no prompt caching']);
  });
});
