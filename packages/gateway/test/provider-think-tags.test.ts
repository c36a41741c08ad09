// A row declaring the thinkTags quirk behind the gateway, with the official `openai` client:
// an upstream that writes DeepSeek-R1's `<think>` block into the content (as Together does)
// answers the client with that block as `reasoning_content`, plain and streamed, while a row
// without the quirk (passed through as bytes) leaves the content as the upstream sent it.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeOpenAIUpstream } from '@llmux/fake-upstreams';
import type OpenAI from 'openai';
import { FakeFleet } from './helpers/fake-fleet.js';

const MASTER_KEY = 'sk-master-think-tags';
const ANSWER = '<think>Two and two make four.</think>\n\nFour.';

describe('gateway: reasoning written inline as <think>', () => {
  const fleet = new FakeFleet();
  let client: OpenAI;

  before(async () => {
    const upstream = fleet.started(await startFakeOpenAIUpstream({ reply: () => ({ content: ANSWER }) }));
    await fleet.startGateway(
      {
        r1: { model: 'together_ai/deepseek-ai/DeepSeek-R1', api_base: `${upstream.url}/v1`, api_key: 'sk-together' },
        plain: { model: 'openai/deepseek-r1', api_base: `${upstream.url}/v1`, api_key: 'sk-openai' },
      },
      MASTER_KEY,
    );
    client = fleet.openAIClient(MASTER_KEY);
  });
  after(() => fleet.close());

  it('moves the block to reasoning_content on a plain reply, and leaves it on a row without the quirk', async () => {
    const reply = await client.chat.completions.create({ model: 'r1', messages: [{ role: 'user', content: '2+2?' }] });
    const message = reply.choices[0]?.message as OpenAI.ChatCompletionMessage & { reasoning_content?: string };
    assert.equal(message.content, '\n\nFour.');
    assert.equal(message.reasoning_content, 'Two and two make four.');
    const plain = await client.chat.completions.create({ model: 'plain', messages: [{ role: 'user', content: '2+2?' }] });
    assert.equal(plain.choices[0]?.message.content, ANSWER);
  });

  it('streams the block as reasoning_content deltas', async () => {
    const stream = await client.chat.completions.create({ model: 'r1', messages: [{ role: 'user', content: '2+2?' }], stream: true });
    let content = '';
    let reasoning = '';
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as (OpenAI.ChatCompletionChunk.Choice.Delta & { reasoning_content?: string }) | undefined;
      content += delta?.content ?? '';
      reasoning += delta?.reasoning_content ?? '';
    }
    assert.equal(content, '\n\nFour.');
    assert.equal(reasoning, 'Two and two make four.');
  });
});
