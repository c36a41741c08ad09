// The idle timeout between stream chunks is its own setting: a stream that goes silent after
// its first content fails with a TimeoutError, while `timeout` still bounds the whole wait
// for the upstream's first answer.

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { startFakeScenarioUpstream, type FakeScenarioServer } from '@llmux/fake-upstreams';
import { completion, TimeoutError } from './index.js';

describe('stream_idle_timeout', () => {
  let upstream: FakeScenarioServer;
  before(async () => {
    upstream = await startFakeScenarioUpstream({ then: 'stall-mid-stream' });
  });
  after(() => upstream.close());

  it('fails a stream that goes silent after its first content', async () => {
    const stream = await completion({
      model: 'openai/gpt-4o-mini',
      api_base: `${upstream.url}/v1`,
      api_key: 'sk-test',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      timeout: 60,
      stream_idle_timeout: 1,
    });
    const seen: string[] = [];
    await assert.rejects(
      async () => {
        for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '');
      },
      (error: unknown) => error instanceof TimeoutError && error.retryable,
    );
    assert.ok(seen.join('').length > 0, 'the first content arrived before the stall');
  });
});
