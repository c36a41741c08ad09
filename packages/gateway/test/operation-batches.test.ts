// /v1/files and /v1/batches through the gateway with the official openai client, against the
// fake OpenAI Files and Batch API (and Azure's resource paths on it): the upload's lines
// rewritten to the deployment's model, a batch polled to completion, its output read and
// billed once (one aggregated spend row with the lines' summed tokens and cost, call_type
// afile_content), cancel, lists, another key's 404, model access, a budget refusal, and
// a Bedrock deployment without an S3 bucket refused by name (operation-batches-bedrock has the rest).

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeOpenAIBatches, type FakeBatchesServer } from '@llmux/fake-upstreams';
import OpenAI, { toFile } from 'openai';
import { startOperationsGateway, type OperationsGateway } from './helpers/operations-gateway.js';
import { batchFile, runBatchToOutput } from './helpers/batch-flow.js';
import { assertBilledOnce, parseJsonLines, TWO_PROMPTS } from './helpers/batch-output-checks.js';
import { assertRefusedBeforeUpstream, notAllowed, overBudget } from './helpers/refused-before-upstream.js';

const OPENAI_KEY = 'sk-upstream-batches';
const AZURE_KEY = 'azure-batches-key';
const INPUT_PRICE = 0.000001;
const OUTPUT_PRICE = 0.000002;

function uploadedLines(fake: FakeBatchesServer): Array<{ body: { model: string } }> {
  const latest = [...fake.files.values()].filter((file) => file.purpose === 'batch').at(-1);
  return parseJsonLines<{ body: { model: string } }>(latest?.bytes.toString('utf8') ?? '');
}

describe('/v1/files and /v1/batches through the gateway', () => {
  let world: OperationsGateway;
  let fake: FakeBatchesServer;

  before(async () => {
    fake = await startFakeOpenAIBatches({ apiKeys: [OPENAI_KEY, AZURE_KEY] });
    world = await startOperationsGateway(
      [
        {
          model_name: 'gpt-batch',
          litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${fake.url}/v1`, api_key: OPENAI_KEY, input_cost_per_token: INPUT_PRICE, output_cost_per_token: OUTPUT_PRICE },
        },
        { model_name: 'azure-batch', litellm_params: { model: 'azure/my-batch-deployment', api_base: fake.url, api_key: AZURE_KEY, api_version: '2024-10-21' } },
        { model_name: 'other', litellm_params: { model: 'openai/gpt-4o', api_base: `${fake.url}/v1`, api_key: OPENAI_KEY } },
        {
          model_name: 'bedrock-batch',
          litellm_params: {
            model: 'bedrock/anthropic.claude-3-haiku-20240307-v1:0',
            aws_access_key_id: 'AKIDEXAMPLE',
            aws_secret_access_key: 'secret',
            aws_region_name: 'us-east-1',
          },
        },
      ],
      [fake],
    );
  });
  after(() => world.close());

  it('uploads with the deployment model, runs a batch to completion and bills its output once', async () => {
    const key = await world.newKey();
    const client = world.client(key);
    const file = await client.files.create({ file: await batchFile('gpt-batch', TWO_PROMPTS, { customId: (index) => `line-${index}` }), purpose: 'batch' });
    assert.match(file.id, /^file-[0-9a-f]{32}$/);
    assert.equal(file.purpose, 'batch');
    // The fake received the lines with the deployment's model, not the group's name.
    assert.deepEqual(
      uploadedLines(fake).map((line) => line.body.model),
      ['gpt-4o-mini', 'gpt-4o-mini'],
    );
    assert.equal(fake.requests.at(-1)?.headers.authorization, `Bearer ${OPENAI_KEY}`);

    const batch = await client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h', metadata: { job: 'nightly' } });
    assert.match(batch.id, /^batch_[0-9a-f]{32}$/);
    assert.equal(batch.input_file_id, file.id);
    assert.deepEqual(batch.metadata, { job: 'nightly' });
    assert.equal((await client.batches.retrieve(batch.id)).status, 'in_progress');
    const done = await client.batches.retrieve(batch.id);
    assert.equal(done.status, 'completed');
    assert.match(done.output_file_id ?? '', /^file-[0-9a-f]{32}$/);

    const output = await (await client.files.content(done.output_file_id ?? '')).text();
    const lines = parseJsonLines<{ custom_id: string; response: { body: { model: string } } }>(output);
    assert.deepEqual(
      lines.map((line) => line.custom_id),
      ['line-0', 'line-1'],
    );
    assert.equal(lines[0]?.response.body.model, 'gpt-4o-mini');
    // Read twice: billed at the first read only.
    await client.files.content(done.output_file_id ?? '');

    const rows = await world.spendRows(key, 6);
    const callTypes = rows.map((row) => row.metadata?.['call_type']).sort();
    assert.deepEqual(callTypes, ['acreate_batch', 'acreate_file', 'afile_content', 'afile_content', 'aretrieve_batch', 'aretrieve_batch']);
    const billed = assertBilledOnce(rows, { modelGroup: 'gpt-batch', inputPrice: INPUT_PRICE, outputPrice: OUTPUT_PRICE });
    for (const row of rows.filter((one) => one !== billed)) assert.equal(row.spend, 0);
  });

  it('keeps files and batches to their owner: another key gets 404 and does not list them; cancel and list', async () => {
    const owner = world.client(await world.newKey());
    const stranger = world.client(await world.newKey());
    const file = await owner.files.create({ file: await batchFile('gpt-batch', ['cancel me'], { customId: (index) => `line-${index}` }), purpose: 'batch' });
    const batch = await owner.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    const notFound = (error: unknown): boolean => error instanceof OpenAI.NotFoundError;
    await assert.rejects(stranger.files.retrieve(file.id), notFound);
    await assert.rejects(stranger.files.content(file.id), notFound);
    await assert.rejects(stranger.files.delete(file.id), notFound);
    await assert.rejects(stranger.batches.retrieve(batch.id), notFound);
    await assert.rejects(stranger.batches.cancel(batch.id), notFound);
    await assert.rejects(stranger.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' }), notFound);
    assert.ok(!(await stranger.batches.list()).data.some((item) => item.id === batch.id));
    assert.ok(!(await stranger.files.list()).data.some((item) => item.id === file.id));

    assert.equal((await owner.batches.cancel(batch.id)).status, 'cancelling');
    assert.equal((await owner.batches.retrieve(batch.id)).status, 'cancelled');
    assert.ok((await owner.batches.list()).data.some((item) => item.id === batch.id && item.status === 'cancelled'));
    assert.ok((await owner.files.list()).data.some((item) => item.id === file.id));
    assert.equal((await owner.files.retrieve(file.id)).filename, 'batch.jsonl');
    assert.deepEqual(await owner.files.delete(file.id), { id: file.id, object: 'file', deleted: true });
    await assert.rejects(owner.files.retrieve(file.id), notFound);
  });

  it('puts Azure files and batches at the resource, with the lines naming the deployment', async () => {
    const client = world.client();
    const file = await client.files.create({ file: await batchFile('azure-batch', ['on azure'], { customId: (index) => `line-${index}` }), purpose: 'batch' });
    const upload = fake.requests.at(-1);
    assert.equal(upload?.url, '/openai/files?api-version=2024-10-21');
    assert.equal(upload?.headers['api-key'], AZURE_KEY);
    assert.deepEqual(
      uploadedLines(fake).map((line) => line.body.model),
      ['my-batch-deployment'],
    );
    const batch = await client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    assert.match(fake.requests.at(-1)?.url ?? '', /^\/openai\/batches\?api-version=2024-10-21$/);
    assert.equal(batch.input_file_id, file.id);
    assert.match(fake.requests.at(-1)?.text ?? '', /"input_file_id":"file-0/);
  });

  it("takes the model group from LiteLLM's target_model_names (or model) for other files", async () => {
    const key = await world.newKey();
    const upload = (fields: Record<string, string>): Promise<Response> => {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      form.append('file', new Blob(['some notes']), 'notes.txt');
      return fetch(`${world.gateway.url}/v1/files`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: form });
    };
    const reply = await upload({ purpose: 'user_data', target_model_names: 'gpt-batch' });
    assert.equal(reply.status, 200);
    const file = (await reply.json()) as { id: string; purpose: string };
    assert.equal(file.purpose, 'user_data');
    assert.equal((await world.client(key).files.retrieve(file.id)).filename, 'notes.txt');
    assert.equal(await (await world.client(key).files.content(file.id)).text(), 'some notes');
    assert.equal((await upload({ purpose: 'user_data', model: 'other' })).status, 200);
    const two = await upload({ purpose: 'user_data', target_model_names: 'gpt-batch,other' });
    assert.equal(two.status, 400);
    assert.equal(((await two.json()) as { error: { param: string } }).error.param, 'target_model_names');
    assert.equal((await upload({ purpose: 'user_data' })).status, 400);
  });

  it('refuses bad uploads and batches with OpenAI-shaped 400s', async () => {
    const client = world.client();
    const badRequest = (error: unknown): boolean => error instanceof OpenAI.BadRequestError;
    await assert.rejects(client.files.create({ file: await toFile(Buffer.from('not json'), 'x.jsonl'), purpose: 'batch' }), badRequest);
    await assert.rejects(client.files.create({ file: await toFile(Buffer.from('hello'), 'x.txt'), purpose: 'assistants' }), badRequest);
    const mixed = [JSON.stringify({ custom_id: 'a', body: { model: 'gpt-batch' } }), JSON.stringify({ custom_id: 'b', body: { model: 'other' } })].join('\n');
    await assert.rejects(client.files.create({ file: await toFile(Buffer.from(mixed), 'x.jsonl'), purpose: 'batch' }), badRequest);
    await assert.rejects(client.batches.create({ input_file_id: 'file-x', endpoint: '/v1/nope' as '/v1/chat/completions', completion_window: '24h' }), badRequest);
    // Bedrock's batch inference reads and writes an S3 bucket: a deployment that names none is refused by name.
    await assert.rejects(
      client.files.create({ file: await batchFile('bedrock-batch', ['no s3'], { customId: (index) => `line-${index}` }), purpose: 'batch' }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && /Bedrock batch inference needs s3_bucket_name/.test(error.message),
    );
  });

  it('answers hostile requests with 4xx, never 500', async () => {
    const headers = { authorization: 'Bearer sk-master-operations' };
    const send = async (method: string, path: string, body?: string, type = 'application/json'): Promise<number> =>
      (await fetch(`${world.gateway.url}${path}`, { method, headers: { ...headers, 'content-type': type }, ...(body === undefined ? {} : { body }) })).status;
    assert.equal(await send('POST', '/v1/batches', '[]'), 400);
    assert.equal(await send('POST', '/v1/batches', '{"input_file_id":'), 400);
    assert.equal(await send('POST', '/batches', JSON.stringify({ input_file_id: 'file-none', endpoint: '/v1/chat/completions' })), 404);
    assert.equal(await send('POST', '/v1/files', '{"purpose":"batch"}'), 400);
    assert.equal(await send('POST', '/v1/files', '--x\r\nbroken', 'multipart/form-data; boundary=x'), 400);
    assert.equal(await send('GET', '/v1/files/%ZZ'), 404);
    assert.equal(await send('GET', '/files/file-none/content'), 404);
    assert.equal(await send('DELETE', '/v1/files/batch_none'), 404);
    assert.equal(await send('POST', '/v1/batches/batch_none/cancel'), 404);
    assert.equal(await send('GET', '/v1/batches?limit=abc'), 400);
    assert.equal(await send('GET', '/v1/files?limit=-3'), 400);
    assert.equal(await send('GET', '/v1/files?limit=2'), 200);
    assert.equal(await send('PUT', '/v1/batches'), 405);
  });

  it('refuses a key without access to the model group, before any upstream call', async () => {
    const key = await world.newKey({ models: ['other'] });
    await assertRefusedBeforeUpstream(
      async () => world.client(key).files.create({ file: await batchFile('gpt-batch', ['no access'], { customId: (index) => `line-${index}` }), purpose: 'batch' }),
      notAllowed('gpt-batch'),
      () => fake.requests.length,
    );
  });

  it('refuses a key over its budget, before any upstream call', async () => {
    const key = await world.newKey({ max_budget: 0.000001 });
    const client = world.client(key);
    await runBatchToOutput(client, await batchFile('gpt-batch', ['spend some money here'], { customId: (index) => `line-${index}` }));
    await world.spendRows(key, 5);
    await assertRefusedBeforeUpstream(
      async () => client.files.create({ file: await batchFile('gpt-batch', ['again'], { customId: (index) => `line-${index}` }), purpose: 'batch' }),
      overBudget,
      () => fake.requests.length,
    );
  });
});
