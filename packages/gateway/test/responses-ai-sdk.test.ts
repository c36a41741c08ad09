// The Vercel AI SDK's `@ai-sdk/openai` in its default mode (the Responses API) through the
// gateway: generateText, streamText and generateObject, passed through to OpenAI and bridged
// to Anthropic and Gemini. Its zod schemas check every reply and event it reads.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createOpenAI } from '@ai-sdk/openai';
import { generateObject, generateText, streamText } from 'ai';
import { z } from 'zod';
import type { FakeChatReply, RecordedRequest } from '@llmux/fake-upstreams';
import { RESPONSES_MASTER_KEY, RESPONSES_MODELS, startResponsesGateway, type ResponsesGateway, type ResponsesUpstream } from './helpers/responses-gateway.js';

const UPSTREAMS: ResponsesUpstream[] = ['openai', 'anthropic', 'gemini'];

function reply(request: RecordedRequest): FakeChatReply {
  if (request.text.includes('a city as JSON')) return { content: '{"city":"Paris","celsius":18}', usage: { promptTokens: 15, completionTokens: 10 } };
  return { content: 'Hello from the upstream', usage: { promptTokens: 12, completionTokens: 5 } };
}

describe('/v1/responses with the Vercel AI SDK (Responses mode)', () => {
  let world: ResponsesGateway;
  let provider: ReturnType<typeof createOpenAI>;
  before(async () => {
    world = await startResponsesGateway(reply);
    provider = createOpenAI({ apiKey: RESPONSES_MASTER_KEY, baseURL: `${world.gateway.url}/v1` });
  });
  after(async () => {
    await world.close();
  });

  for (const upstream of UPSTREAMS) {
    const model = RESPONSES_MODELS[upstream];

    it(`generateText on ${upstream}`, async () => {
      const result = await generateText({ model: provider(model), system: 'Be terse.', prompt: 'hi', maxRetries: 0 });
      assert.equal(result.text, 'Hello from the upstream');
      assert.equal(result.finishReason, 'stop');
      assert.equal(result.usage.inputTokens, 12);
      assert.equal(result.usage.outputTokens, 5);
      assert.equal(world.lastRequest(upstream).url.endsWith('/responses'), upstream === 'openai');
    });

    it(`streamText on ${upstream}`, async () => {
      const result = streamText({ model: provider(model), prompt: 'hi', maxRetries: 0 });
      let text = '';
      for await (const delta of result.textStream) text += delta;
      assert.equal(text, 'Hello from the upstream');
      assert.equal(await result.finishReason, 'stop');
      assert.equal((await result.usage).outputTokens, 5);
    });

    it(`generateObject on ${upstream}`, async () => {
      const result = await generateObject({ model: provider(model), schema: z.object({ city: z.string(), celsius: z.number() }), prompt: 'a city as JSON', maxRetries: 0 });
      assert.deepEqual(result.object, { city: 'Paris', celsius: 18 });
    });
  }
});
