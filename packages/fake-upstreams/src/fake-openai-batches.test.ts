// The fake Files and Batch API must be faithful: the official `openai` client uploads a
// JSONL file, creates a batch, polls it to completion, reads the output file, cancels, lists
// and deletes, so a reply it would reject or misread fails these tests.

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import OpenAI, { toFile } from 'openai';
import { FAKE_BATCH_COMPLETION_TOKENS, startFakeOpenAIBatches, type FakeBatchesServer } from './fake-openai-batches.js';

const LINES = [
  { custom_id: 'one', method: 'POST', url: '/v1/chat/completions', body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello there' }] } },
  { custom_id: 'two', method: 'POST', url: '/v1/chat/completions', body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'three words here' }] } },
];

describe('fake OpenAI files and batches, driven by the official openai client', () => {
  let fake: FakeBatchesServer;
  let client: OpenAI;

  before(async () => {
    fake = await startFakeOpenAIBatches({ apiKeys: ['sk-fake'] });
    client = new OpenAI({ apiKey: 'sk-fake', baseURL: `${fake.url}/v1`, maxRetries: 0 });
  });
  after(() => fake.close());

  it('runs a batch from upload to output file', async () => {
    const jsonl = LINES.map((line) => JSON.stringify(line)).join('\n');
    const file = await client.files.create({ file: await toFile(Buffer.from(jsonl), 'input.jsonl'), purpose: 'batch' });
    assert.equal(file.object, 'file');
    assert.equal(file.purpose, 'batch');
    assert.equal(file.bytes, Buffer.byteLength(jsonl));
    const batch = await client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h', metadata: { job: 'nightly' } });
    assert.equal(batch.status, 'validating');
    assert.deepEqual(batch.metadata, { job: 'nightly' });
    assert.equal((await client.batches.retrieve(batch.id)).status, 'in_progress');
    const done = await client.batches.retrieve(batch.id);
    assert.equal(done.status, 'completed');
    assert.deepEqual(done.request_counts, { total: 2, completed: 2, failed: 0 });
    const content = await (await client.files.content(done.output_file_id ?? '')).text();
    const lines = content
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { custom_id: string; response: { status_code: number; body: { usage: { prompt_tokens: number; completion_tokens: number } } } });
    assert.deepEqual(
      lines.map((line) => line.custom_id),
      ['one', 'two'],
    );
    assert.equal(lines[1]?.response.status_code, 200);
    assert.deepEqual(lines[1]?.response.body.usage, { prompt_tokens: 3, completion_tokens: FAKE_BATCH_COMPLETION_TOKENS, total_tokens: 3 + FAKE_BATCH_COMPLETION_TOKENS });
  });

  it('cancels, lists, retrieves and deletes', async () => {
    const file = await client.files.create({ file: await toFile(Buffer.from(JSON.stringify(LINES[0])), 'one.jsonl'), purpose: 'batch' });
    const batch = await client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    assert.equal((await client.batches.cancel(batch.id)).status, 'cancelling');
    assert.equal((await client.batches.retrieve(batch.id)).status, 'cancelled');
    const listed = await client.batches.list();
    assert.ok(listed.data.some((item) => item.id === batch.id));
    assert.equal((await client.files.retrieve(file.id)).filename, 'one.jsonl');
    assert.ok((await client.files.list()).data.some((item) => item.id === file.id));
    assert.equal((await client.files.delete(file.id)).deleted, true);
    await assert.rejects(client.files.retrieve(file.id), (error: unknown) => error instanceof OpenAI.NotFoundError);
    const stranger = new OpenAI({ apiKey: 'sk-wrong', baseURL: `${fake.url}/v1`, maxRetries: 0 });
    await assert.rejects(stranger.files.list(), (error: unknown) => error instanceof OpenAI.AuthenticationError);
    await assert.rejects(
      client.batches.create({ input_file_id: 'file-missing', endpoint: '/v1/chat/completions', completion_window: '24h' }),
      (error: unknown) => error instanceof OpenAI.BadRequestError,
    );
  });
});
