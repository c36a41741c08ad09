// Files and batches through the SDK's public API against the fake OpenAI Files and Batch API:
// the standalone functions, and the same calls routed by a Router (Router.call with the
// attempts), the batch file's lines rewritten to the deployment's model, and the output
// priced per line.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { FAKE_BATCH_COMPLETION_TOKENS, startFakeOpenAIBatches } from '@llmux/fake-upstreams';
import {
  BadRequestError,
  Router,
  cancelBatch,
  createBatch,
  createBatchAttempt,
  createFile,
  createFileAttempt,
  fileContent,
  fileContentAttempt,
  retrieveBatch,
  retrieveBatchAttempt,
} from './index.js';
import { useFakeServer } from './providers/__fixtures__/use-fake-upstream.js';

const API_KEY = 'sk-batches-sdk';

function jsonl(model: string, prompts: readonly string[]): Buffer {
  return Buffer.from(
    prompts
      .map((prompt, index) =>
        JSON.stringify({ custom_id: `c${index}`, method: 'POST', url: '/v1/chat/completions', body: { model, messages: [{ role: 'user', content: prompt }] } }),
      )
      .join('\n'),
  );
}

describe('files and batches', () => {
  const upstream = useFakeServer(() => startFakeOpenAIBatches({ apiKeys: [API_KEY] }));

  it('createFile, createBatch, retrieveBatch, fileContent and cancelBatch on openai/', async () => {
    const common = { model: 'openai/gpt-4o-mini', api_base: `${upstream.fake.url}/v1`, api_key: API_KEY, http_client: upstream.http };
    const file = await createFile({ ...common, file: { data: jsonl('anything', ['one two']), filename: 'in.jsonl', contentType: 'application/jsonl' }, purpose: 'batch' });
    assert.equal(file.llmux.provider, 'openai');
    assert.equal(upstream.fake.files.get(file.id)?.bytes.toString('utf8').includes('"model":"gpt-4o-mini"'), true);
    const batch = await createBatch({ ...common, input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    await retrieveBatch({ ...common, batch_id: batch.id });
    const done = await retrieveBatch({ ...common, batch_id: batch.id });
    assert.equal(done.status, 'completed');
    const content = await fileContent({ ...common, file_id: String(done['output_file_id']), input_cost_per_token: 1e-6, output_cost_per_token: 2e-6 });
    assert.equal(content.priced.lines, 1);
    assert.deepEqual([content.priced.usage.prompt_tokens, content.priced.usage.completion_tokens], [2, FAKE_BATCH_COMPLETION_TOKENS]);
    assert.ok(Math.abs((content.llmux.cost ?? 0) - (2e-6 + FAKE_BATCH_COMPLETION_TOKENS * 2e-6)) < 1e-15);
    const second = await createBatch({ ...common, input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    assert.equal((await cancelBatch({ ...common, batch_id: second.id })).status, 'cancelling');
  });

  it('routes through Router.call: the group names the deployment, whose model the lines get', async () => {
    const router = new Router({
      modelList: [{ model_name: 'cheap', litellm_params: { model: 'openai/gpt-4.1-nano', api_base: `${upstream.fake.url}/v1`, api_key: API_KEY } }],
      defaults: { http_client: upstream.http },
    });
    const file = await router.call(
      { model: 'cheap', file: { data: jsonl('cheap', ['hi']), filename: 'in.jsonl', contentType: 'application/jsonl' }, purpose: 'batch' },
      createFileAttempt,
    );
    assert.equal(file.llmux.modelGroup, 'cheap');
    assert.match(upstream.fake.files.get(file.id)?.bytes.toString('utf8') ?? '', /"model":"gpt-4\.1-nano"/);
    const pinned = { model: 'cheap', deploymentId: file.llmux.deploymentId };
    const batch = await router.call({ ...pinned, input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' }, createBatchAttempt);
    await router.call({ ...pinned, batch_id: batch.id }, retrieveBatchAttempt);
    const done = await router.call({ ...pinned, batch_id: batch.id }, retrieveBatchAttempt);
    const content = await router.call({ ...pinned, file_id: String(done['output_file_id']) }, fileContentAttempt);
    assert.match(content.data.toString('utf8'), /"custom_id":"c0"/);
  });

  it('refuses a batch file that is not JSONL with a body.model, and providers without files', async () => {
    await assert.rejects(
      createFile({
        model: 'openai/gpt-4o-mini',
        api_base: `${upstream.fake.url}/v1`,
        api_key: API_KEY,
        http_client: upstream.http,
        file: { data: Buffer.from('{"custom_id":"x"}'), filename: 'x.jsonl', contentType: 'application/jsonl' },
        purpose: 'batch',
      }),
      (error: unknown) => error instanceof BadRequestError && /line 1 of the batch file has no body.model/.test(error.message),
    );
    await assert.rejects(
      createBatch({
        model: 'anthropic/claude-3-5-haiku-latest',
        api_key: 'sk-ant',
        http_client: upstream.http,
        input_file_id: 'file-1',
        endpoint: '/v1/chat/completions',
        completion_window: '24h',
      }),
      (error: unknown) => error instanceof BadRequestError && /provider "anthropic" does not offer files and batches/.test(error.message),
    );
  });
});
