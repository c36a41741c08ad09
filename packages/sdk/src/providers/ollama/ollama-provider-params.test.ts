// Provider parameters LiteLLM forwards (top_k, thinking) and cache_control, through the public
// completion() to the fake Ollama server, on both /api/chat and /api/generate.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { startFakeOllamaUpstream } from '@llmux/fake-upstreams';
import type { CompletionParams } from '../../index.js';
import { completionThrough, useFakeUpstream } from '../__fixtures__/use-fake-upstream.js';
import { useClearedEnv } from '../__fixtures__/saved-env.js';

describe('ollama provider parameters through completion()', () => {
  // A key in the environment would be sent with every call; these tests expect none.
  useClearedEnv(['OLLAMA_API_KEY']);
  const upstream = useFakeUpstream((reply) => startFakeOllamaUpstream({ reply }), { content: 'ok' });
  const through = completionThrough(upstream, { model: 'ollama_chat/qwen3' });
  const call = (model: string, params: Partial<CompletionParams>) => through.call({ ...params, model });
  const sent = () => upstream.fake.requests.at(-1)?.json as { options?: Record<string, unknown>; think?: unknown; top_k?: unknown };

  for (const model of ['ollama_chat/qwen3', 'ollama/qwen3']) {
    it(`${model}: top_k goes in options, thinking as think, with a warning for the budget`, async () => {
      const response = await call(model, { top_k: 20, thinking: { type: 'enabled', budget_tokens: 1024 } });
      assert.equal(sent().options?.['top_k'], 20);
      assert.equal(sent().top_k, undefined);
      assert.equal(sent().think, true);
      assert.deepEqual(response.llmux.warnings, ["thinking.budget_tokens 1024 is not honoured: Ollama's think only switches reasoning on"]);
      await call(model, { thinking: { type: 'disabled' } });
      assert.equal(sent().think, false);
    });
  }

  it('says cache_control is ignored instead of dropping it silently', async () => {
    const response = await call('ollama_chat/qwen3', {
      messages: [
        { role: 'system', content: 'long', cache_control: { type: 'ephemeral' } },
        { role: 'user', content: 'hi' },
      ],
    });
    assert.deepEqual(response.llmux.warnings, ['cache_control ignored: Ollama has no prompt caching']);
  });
});
