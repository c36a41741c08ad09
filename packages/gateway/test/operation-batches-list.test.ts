// GET /v1/files and /v1/batches page like OpenAI's lists, through the official openai client:
// `limit` and `after`, `first_id`, `last_id` and `has_more`, the client's auto-pagination
// walking every page, each caller seeing only its own objects (a foreign `after` is a 400),
// and the master key seeing all.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeOpenAIBatches, type FakeBatchesServer } from '@llmux/fake-upstreams';
import OpenAI, { toFile } from 'openai';
import { startOperationsGateway, type OperationsGateway } from './helpers/operations-gateway.js';

const KEY = 'sk-upstream-list';

function batchFile(prompt: string): Promise<File> {
  const line = JSON.stringify({ custom_id: 'one', method: 'POST', url: '/v1/chat/completions', body: { model: 'gpt-list', messages: [{ role: 'user', content: prompt }] } });
  return toFile(Buffer.from(line), 'list.jsonl');
}

describe('/v1/files and /v1/batches lists page by cursor', () => {
  let world: OperationsGateway;
  let fake: FakeBatchesServer;
  let owner: OpenAI;
  let ownerKey = '';
  let other: OpenAI;
  const batchIds: string[] = [];
  const fileIds: string[] = [];
  let otherBatch = '';

  before(async () => {
    fake = await startFakeOpenAIBatches({ apiKeys: [KEY] });
    world = await startOperationsGateway([{ model_name: 'gpt-list', litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${fake.url}/v1`, api_key: KEY } }], [fake]);
    ownerKey = await world.newKey();
    owner = world.client(ownerKey);
    other = world.client(await world.newKey());
    for (const prompt of ['one', 'two', 'three']) {
      const file = await owner.files.create({ file: await batchFile(prompt), purpose: 'batch' });
      fileIds.push(file.id);
      batchIds.push((await owner.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' })).id);
    }
    const file = await other.files.create({ file: await batchFile('four'), purpose: 'batch' });
    otherBatch = (await other.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' })).id;
  });
  after(() => world.close());

  it('pages batches with limit and after, newest first, with first_id, last_id and has_more', async () => {
    const all = await owner.batches.list({ limit: 100 });
    assert.deepEqual([...all.data.map((batch) => batch.id)].sort(), [...batchIds].sort());
    assert.equal(all.has_more, false);
    const created = all.data.map((batch) => batch.created_at);
    assert.deepEqual(
      created,
      [...created].sort((a, b) => b - a),
    );

    const first = await owner.batches.list({ limit: 2 });
    assert.deepEqual(
      first.data.map((batch) => batch.id),
      all.data.slice(0, 2).map((batch) => batch.id),
    );
    assert.equal(first.has_more, true);
    const reply = await fetch(`${world.gateway.url}/v1/batches?limit=2`, { headers: { authorization: `Bearer ${ownerKey}` } });
    const raw = (await reply.json()) as { first_id: string; last_id: string; has_more: boolean };
    assert.equal(raw.has_more, true);
    assert.equal(raw.first_id, all.data[0]?.id);
    assert.equal(raw.last_id, all.data[1]?.id);
    const second = await owner.batches.list({ limit: 2, after: raw.last_id });
    assert.deepEqual(
      second.data.map((batch) => batch.id),
      [all.data[2]?.id],
    );
    assert.equal(second.has_more, false);
  });

  it("walks every page with the client's auto-pagination, one item a page", async () => {
    const walked: string[] = [];
    for await (const batch of owner.batches.list({ limit: 1 })) walked.push(batch.id);
    assert.deepEqual([...walked].sort(), [...batchIds].sort());
    const files: string[] = [];
    for await (const file of owner.files.list({ limit: 2 })) files.push(file.id);
    assert.deepEqual([...files].sort(), [...fileIds].sort());
  });

  it("keeps each caller to its own objects; another's id as the cursor is a 400", async () => {
    assert.deepEqual(
      (await other.batches.list()).data.map((batch) => batch.id),
      [otherBatch],
    );
    await assert.rejects(other.batches.list({ after: batchIds[0] ?? '' }), (error: unknown) => error instanceof OpenAI.BadRequestError && /after/.test(error.message));
    await assert.rejects(owner.batches.list({ limit: 101 }), (error: unknown) => error instanceof OpenAI.BadRequestError);
    const master = await world.client().batches.list({ limit: 100 });
    for (const id of [...batchIds, otherBatch])
      assert.ok(
        master.data.some((batch) => batch.id === id),
        id,
      );
  });
});
