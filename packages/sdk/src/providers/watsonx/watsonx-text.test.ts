// `watsonx_text/` through completion(), against the fake watsonx with its IAM endpoint: the
// prompt built from the messages sent as `input` to /ml/v1/text/generation with watsonx's
// parameter names and decoding method, the reply's results and token counts, the
// generation_stream events, deployments, and what a generation body cannot carry.

import { strict as assert } from 'node:assert';
import { beforeEach, describe, it } from 'node:test';
import type { FakeChatReply } from '@llmux/fake-upstreams';
import { APIConnectionError, BadRequestError, UnsupportedParamsError, completion } from '../../index.js';
import { useFakeWatsonx } from '../__fixtures__/use-fake-watsonx.js';
import { collectStream } from '../__fixtures__/collect-stream.js';

const API_KEY = 'ibm-cloud-api-key-text-0123456';
const PROJECT = 'e5f6-project';

describe('watsonx_text provider (text generation) through the public API', () => {
  let next: FakeChatReply | undefined;
  const watsonx = useFakeWatsonx(
    {
      apiKeys: [API_KEY],
      project: PROJECT,
      reply: () => next ?? { content: 'Granite says hi.', usage: { promptTokens: 9, completionTokens: 4 } },
    },
    {
      prefix: 'watsonx_text',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hi' },
      ],
    },
  );
  const params = watsonx.params;
  const sent = () => watsonx.fake.requests.at(-1);
  beforeEach(() => {
    next = undefined;
  });

  it('sends the Llama 3 prompt as input with watsonx parameter names, and reads results and token counts', async () => {
    const response = await completion({
      ...params('meta-llama/llama-3-3-70b-instruct', { max_tokens: 30, temperature: 0.5, top_p: 0.9, stop: ['\n\n'], seed: 11 }),
      stream: false,
    });
    assert.equal(sent()?.url, '/ml/v1/text/generation?version=2024-03-13');
    assert.equal(sent()?.headers.authorization, `Bearer ${watsonx.fake.issued.at(-1)}`);
    assert.deepEqual(sent()?.json, {
      input:
        '<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nhi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n',
      parameters: { max_new_tokens: 30, decoding_method: 'sample', temperature: 0.5, top_p: 0.9, random_seed: 11, stop_sequences: ['\n\n'] },
      model_id: 'meta-llama/llama-3-3-70b-instruct',
      project_id: PROJECT,
    });
    assert.equal(response.choices[0]?.message.content, 'Granite says hi.');
    assert.equal(response.choices[0]?.finish_reason, 'stop');
    assert.equal(response.model, 'meta-llama/llama-3-3-70b-instruct');
    assert.deepEqual(response.usage, { prompt_tokens: 9, completion_tokens: 4, total_tokens: 13 });
    assert.deepEqual(response.llmux.warnings, []);
  });

  it('decodes greedily without sampling parameters, warns when no template is known, and maps max_tokens to length', async () => {
    next = { content: 'Cut', finish: 'length' };
    const response = await completion({ ...params('ibm/granite-13b-instruct-v2'), stream: false });
    assert.deepEqual((sent()?.json as { parameters: unknown }).parameters, { decoding_method: 'greedy' });
    assert.equal((sent()?.json as { input: string }).input, 'Be brief. hi');
    assert.match(response.llmux.warnings.join('\n'), /^watsonx_text: no chat template known for "ibm\/granite-13b-instruct-v2".*watsonx\/ibm\/granite-13b-instruct-v2/);
    assert.equal(response.choices[0]?.finish_reason, 'length');
  });

  it('streams generation_stream events into chunks with the finish and usage, and a cut stream is a connection error', async () => {
    const stream = await completion({ ...params('meta-llama/llama-3-3-70b-instruct'), stream: true });
    const chunks = await collectStream(stream);
    assert.equal(sent()?.url, '/ml/v1/text/generation_stream?version=2024-03-13');
    assert.equal(sent()?.headers.accept, 'text/event-stream');
    assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), 'Granite says hi.');
    assert.equal(chunks.find((chunk) => (chunk.choices[0]?.finish_reason ?? null) !== null)?.choices[0]?.finish_reason, 'stop');
    assert.deepEqual(stream.usage, { prompt_tokens: 9, completion_tokens: 4, total_tokens: 13 });
    next = { content: 'one two three four', dropAfterChunks: 2 };
    const cut = await completion({ ...params('meta-llama/llama-3-3-70b-instruct'), stream: true });
    await assert.rejects(
      (async () => {
        for await (const _chunk of cut);
      })(),
      APIConnectionError,
    );
  });

  it('calls a deployment without model_id or project, and refuses tools and parameters generation has no field for', async () => {
    await completion({ ...params('deployment/dep-42'), project_id: undefined, space_id: 'space-1', stream: false });
    assert.equal(sent()?.url, '/ml/v1/deployments/dep-42/text/generation?version=2024-03-13');
    assert.equal((sent()?.json as Record<string, unknown>)['model_id'], undefined);
    const tools = [{ type: 'function' as const, function: { name: 'f', parameters: { type: 'object' } } }];
    await assert.rejects(completion({ ...params('meta-llama/llama-3-3-70b-instruct', { tools }), stream: false }), UnsupportedParamsError);
    await assert.rejects(completion({ ...params('meta-llama/llama-3-3-70b-instruct', { presence_penalty: 1 }), stream: false }), UnsupportedParamsError);
    await assert.rejects(
      completion({ ...params('meta-llama/llama-3-3-70b-instruct'), messages: [{ role: 'tool', tool_call_id: 'c', content: 'x' }], stream: false }),
      (error: unknown) => error instanceof BadRequestError && /use watsonx\/meta-llama\/llama-3-3-70b-instruct/.test(error.message),
    );
  });
});
