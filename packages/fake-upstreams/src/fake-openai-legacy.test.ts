// Proves the fake OpenAI's legacy completions and moderations with the official `openai`
// client: completions.create plain and streamed (prompt lists, n, echo, logprobs, stop,
// max_tokens, suffix on the instruct model only), moderations.create for text, lists and
// multimodal input, and the Azure fake's deployment path for completions.

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import OpenAI, { AzureOpenAI } from 'openai';
import { startFakeAzureUpstream } from './fake-azure-upstream.js';
import { startFakeOpenAIUpstream } from './fake-openai-upstream.js';
import type { FakeServer } from './start-fake-server.js';

const KEY = 'sk-fake-legacy-0123';

describe('fake OpenAI legacy completions and moderations, through the openai client', () => {
  let fake: FakeServer;
  let azure: FakeServer;
  let client: OpenAI;
  before(async () => {
    fake = await startFakeOpenAIUpstream({ apiKey: KEY });
    azure = await startFakeAzureUpstream({ apiKey: 'azure-key' });
    client = new OpenAI({ apiKey: KEY, baseURL: `${fake.url}/v1`, maxRetries: 0 });
  });
  after(async () => {
    await fake.close();
    await azure.close();
  });

  it('answers completions.create with text_completion choices, usage and OpenAI default max_tokens', async () => {
    const completion = await client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'Say hello' });
    assert.equal(completion.object, 'text_completion');
    assert.equal(completion.choices.length, 1);
    assert.equal(completion.choices[0]?.text, ' Hello from gpt-3.5-turbo-instruct');
    assert.equal(completion.choices[0]?.finish_reason, 'stop');
    assert.equal(completion.choices[0]?.logprobs, null);
    assert.deepEqual(completion.usage, { prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 });
    assert.equal(fake.requests.at(-1)?.url, '/v1/completions');
  });

  it('gives n choices per prompt of a list, indexed prompt × n + choice, with echo, stop and max_tokens', async () => {
    const completion = await client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: ['A', 'B'], n: 2, echo: true, max_tokens: 2 });
    assert.deepEqual(
      completion.choices.map((choice) => choice.index),
      [0, 1, 2, 3],
    );
    assert.equal(completion.choices[2]?.text, 'B Hello from');
    assert.equal(completion.choices[0]?.finish_reason, 'length');
    const stopped = await client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'x', stop: ' from' });
    assert.equal(stopped.choices[0]?.text, ' Hello');
  });

  it('reports logprobs as parallel lists with k alternatives', async () => {
    const completion = await client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'x', logprobs: 2 });
    const logprobs = completion.choices[0]?.logprobs;
    assert.deepEqual(logprobs?.tokens, [' Hello', ' from', ' gpt-3.5-turbo-instruct']);
    assert.deepEqual(logprobs?.text_offset, [0, 6, 11]);
    assert.equal(Object.keys(logprobs?.top_logprobs?.[0] ?? {}).length, 2);
  });

  it('refuses suffix on a model other than the instruct one, in OpenAI error shape', async () => {
    await assert.rejects(client.completions.create({ model: 'davinci-002', prompt: 'x', suffix: 'y' }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.BadRequestError);
      assert.equal(error.param, 'suffix');
      return true;
    });
    const instruct = await client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'x', suffix: 'y' });
    assert.equal(instruct.choices.length, 1);
  });

  it('streams text_completion chunks, each choice ending, then usage when asked', async () => {
    const stream = await client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'x', stream: true, stream_options: { include_usage: true } });
    let text = '';
    const finishes: Array<string | null> = [];
    let usage: unknown;
    for await (const chunk of stream) {
      assert.equal(chunk.object, 'text_completion');
      for (const choice of chunk.choices) {
        text += choice.text;
        finishes.push(choice.finish_reason);
      }
      if (chunk.usage) usage = chunk.usage;
    }
    assert.equal(text, ' Hello from gpt-3.5-turbo-instruct');
    assert.equal(finishes.at(-1), 'stop');
    assert.deepEqual(usage, { prompt_tokens: 1, completion_tokens: 3, total_tokens: 4 });
  });

  it('answers moderations.create for text, lists and multimodal input', async () => {
    const one = await client.moderations.create({ model: 'omni-moderation-latest', input: 'I will kill the process' });
    assert.match(one.id, /^modr-/);
    assert.equal(one.results.length, 1);
    assert.equal(one.results[0]?.flagged, true);
    assert.equal(one.results[0]?.categories.violence, true);
    assert.ok((one.results[0]?.category_scores.violence ?? 0) > 0.5);
    assert.deepEqual(one.results[0]?.category_applied_input_types?.violence, ['text']);
    const many = await client.moderations.create({ model: 'omni-moderation-latest', input: ['hello', 'you idiot'] });
    assert.deepEqual(
      many.results.map((result) => result.flagged),
      [false, true],
    );
    const multimodal = await client.moderations.create({
      model: 'omni-moderation-latest',
      input: [
        { type: 'text', text: 'a cat' },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
      ],
    });
    assert.equal(multimodal.results.length, 1);
    assert.deepEqual(multimodal.results[0]?.category_applied_input_types?.violence, ['text', 'image']);
    const legacy = await client.moderations.create({ model: 'text-moderation-latest', input: 'hi' });
    assert.equal('illicit' in (legacy.results[0]?.categories ?? {}), false);
  });

  it('serves completions on an Azure deployment path', async () => {
    const azureClient = new AzureOpenAI({ apiKey: 'azure-key', endpoint: azure.url, apiVersion: '2024-10-21', deployment: 'instruct', maxRetries: 0 });
    const completion = await azureClient.completions.create({ model: 'instruct', prompt: 'x' });
    assert.equal(completion.choices[0]?.text, ' Hello from instruct');
    assert.equal(azure.requests.at(-1)?.url, '/openai/deployments/instruct/completions?api-version=2024-10-21');
  });
});
