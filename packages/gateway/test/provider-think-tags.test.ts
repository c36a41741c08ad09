// A row declaring the thinkTags quirk behind the gateway, with the official `openai` client:
// an upstream that writes DeepSeek-R1's `<think>` block into the content (as Together does)
// answers the client with that block as `reasoning_content`, plain and streamed, while a row
// without the quirk (passed through as bytes) leaves the content as the upstream sent it.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeOpenAIUpstream, type FakeServer } from '@llmux/fake-upstreams';
import OpenAI from 'openai';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.js';

const MASTER_KEY = 'sk-master-think-tags';
const ANSWER = '<think>Two and two make four.</think>\n\nFour.';

describe('gateway: reasoning written inline as <think>', () => {
  let upstream: FakeServer;
  let gateway: TestGateway;
  let client: OpenAI;

  before(async () => {
    upstream = await startFakeOpenAIUpstream({ reply: () => ({ content: ANSWER }) });
    gateway = await startTestGateway({
      model_list: [
        { model_name: 'r1', litellm_params: { model: 'together_ai/deepseek-ai/DeepSeek-R1', api_base: `${upstream.url}/v1`, api_key: 'sk-together' } },
        { model_name: 'plain', litellm_params: { model: 'openai/deepseek-r1', api_base: `${upstream.url}/v1`, api_key: 'sk-openai' } },
      ],
      general_settings: { master_key: MASTER_KEY },
    });
    client = new OpenAI({ apiKey: MASTER_KEY, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

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
