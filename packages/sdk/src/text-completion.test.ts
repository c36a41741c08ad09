// textCompletion() and moderation() through the public API, direct and routed by a Router
// (`router.call(params, textCompletionAttempt)`), against the fake OpenAI and Anthropic
// upstreams: native where the model serves /completions or /moderations, bridged elsewhere.

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { startFakeAnthropicUpstream, startFakeOpenAIUpstream, type FakeServer } from '@llmux/fake-upstreams';
import { BadRequestError, HttpClient, moderation, moderationAttempt, Router, textCompletion, textCompletionAttempt, type TextCompletionChunk } from './index.js';

const OPENAI_KEY = 'sk-sdk-text-0123';
const ANTHROPIC_KEY = 'sk-ant-sdk-text';

describe('textCompletion() and moderation()', () => {
  let openai: FakeServer;
  let anthropic: FakeServer;
  let http: HttpClient;
  before(async () => {
    openai = await startFakeOpenAIUpstream({ apiKey: OPENAI_KEY });
    anthropic = await startFakeAnthropicUpstream({ apiKey: ANTHROPIC_KEY, reply: () => ({ content: 'bridged', usage: { promptTokens: 3, completionTokens: 1 } }) });
    http = new HttpClient();
  });
  after(async () => {
    await http.close();
    await Promise.all([openai.close(), anthropic.close()]);
  });

  it('calls /completions natively for an instruct model and prices it', async () => {
    const completion = await textCompletion({ model: 'openai/gpt-3.5-turbo-instruct', prompt: 'hi', api_base: `${openai.url}/v1`, api_key: OPENAI_KEY, http_client: http });
    assert.equal(completion.object, 'text_completion');
    assert.equal(openai.requests.at(-1)?.url, '/v1/completions');
    assert.equal(completion.llmux.provider, 'openai');
    assert.ok(Math.abs((completion.llmux.cost ?? 0) - (1 * 1.5e-6 + 3 * 2e-6)) < 1e-12);
  });

  it('bridges a chat-only model and streams text_completion chunks with usage and cost at the end', async () => {
    const stream = await textCompletion({
      model: 'anthropic/claude-3-5-haiku-20241022',
      prompt: 'hi',
      stream: true,
      api_base: anthropic.url,
      api_key: ANTHROPIC_KEY,
      http_client: http,
    });
    const chunks: TextCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    assert.equal(chunks.map((chunk) => chunk.choices.map((choice) => choice.text).join('')).join(''), 'bridged');
    assert.deepEqual([stream.usage?.prompt_tokens, stream.usage?.completion_tokens], [3, 1]);
    assert.ok((stream.llmux.cost ?? 0) > 0);
  });

  it('refuses suffix on a bridged model', async () => {
    await assert.rejects(
      textCompletion({ model: 'anthropic/claude-3-5-haiku-20241022', prompt: 'x', suffix: 'y', api_base: anthropic.url, api_key: ANTHROPIC_KEY, http_client: http }),
      BadRequestError,
    );
  });

  it('is routed by a Router through one generic entry point, with fallbacks', async () => {
    const router = new Router({
      modelList: [
        { model_name: 'broken', litellm_params: { model: 'openai/gpt-3.5-turbo-instruct', api_base: `${openai.url}/v1`, api_key: 'wrong' } },
        { model_name: 'instruct', litellm_params: { model: 'openai/gpt-3.5-turbo-instruct', api_base: `${openai.url}/v1`, api_key: OPENAI_KEY } },
        { model_name: 'omni', litellm_params: { model: 'openai/omni-moderation-latest', api_base: `${openai.url}/v1`, api_key: OPENAI_KEY } },
      ],
      defaults: { http_client: http },
    });
    const completion = await router.call({ model: 'broken', fallbacks: ['instruct'], prompt: 'hi' }, textCompletionAttempt);
    assert.equal(completion.llmux.modelGroup, 'instruct');
    assert.equal(completion.llmux.attemptedFallbacks, 1);
    const moderated = await router.call({ model: 'omni', input: 'kill' }, moderationAttempt);
    assert.equal(moderated.results[0]?.flagged, true);
    assert.equal(moderated.llmux.cost, 0);
  });

  it('moderation() bridges a chat model and fails loudly when its reply is not the JSON asked for', async () => {
    await assert.rejects(
      moderation({ model: 'anthropic/claude-3-5-haiku-20241022', input: 'x', api_base: anthropic.url, api_key: ANTHROPIC_KEY, http_client: http }),
      (error: unknown) => (error as { status?: number }).status === 502,
    );
  });
});
