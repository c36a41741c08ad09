// /v1/files and /v1/batches on Bedrock batch inference through the gateway, with the official
// openai client, against a fake S3 and a fake Bedrock control plane (both proven with AWS's
// clients): the upload converted to Bedrock records and PUT in the deployment's bucket with
// its S3 credentials, CreateModelInvocationJob on the deployment's model and role, statuses
// mapped, StopModelInvocationJob for cancel, the output read from S3 and converted back to
// OpenAI lines and billed per line once, the owner's 404s, refusals by name (Vertex AI's
// batch prediction too), model access and a budget.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FAKE_BATCH_FAIL_MARKER, startFakeBedrockBatch, startFakeS3, type FakeBedrockBatchServer, type FakeS3Server } from '@llmux/fake-upstreams';
import OpenAI, { toFile } from 'openai';
import { startOperationsGateway, type OperationsGateway } from './helpers/operations-gateway.js';
import { batchFile, runBatchToOutput } from './helpers/batch-flow.js';
import { assertAnsweredLineBilled, assertBilledOnce, assertTwoAnsweredLines, parseJsonLines, TWO_PROMPTS, type BatchOutputLine } from './helpers/batch-output-checks.js';
import { assertRefusedBeforeUpstream, notAllowed, overBudget } from './helpers/refused-before-upstream.js';

const REGION = 'us-west-2';
const BEDROCK_CREDENTIALS = { accessKeyId: 'AKIDBEDROCKBATCH', secretAccessKey: 'bedrock-secret' };
const S3_CREDENTIALS = { accessKeyId: 'AKIDS3BATCH', secretAccessKey: 's3-secret' };
const BUCKET = 'llmux-batches';
const ROLE = 'arn:aws:iam::123456789012:role/BedrockBatchRole';
const MODEL_ID = 'anthropic.claude-3-haiku-20240307-v1:0';
const INPUT_PRICE = 0.000003;
const OUTPUT_PRICE = 0.000015;

interface BedrockRecord {
  recordId: string;
  modelInput: { anthropic_version: string; max_tokens: number; messages: Array<{ role: string; content: unknown }>; temperature?: number; model?: string };
}

describe('/v1/files and /v1/batches on Bedrock batch inference', () => {
  let world: OperationsGateway;
  let s3: FakeS3Server;
  let bedrock: FakeBedrockBatchServer;

  const uploaded = (): BedrockRecord[] => {
    const key = [...s3.objects.keys()].filter((name) => name.startsWith(`${BUCKET}/llmux-batch/input/`)).at(-1) ?? '';
    return parseJsonLines<BedrockRecord>(s3.objects.get(key)?.toString('utf8') ?? '');
  };

  before(async () => {
    s3 = await startFakeS3({ ...S3_CREDENTIALS, region: REGION, buckets: [BUCKET] });
    bedrock = await startFakeBedrockBatch({ ...BEDROCK_CREDENTIALS, region: REGION, s3 });
    const aws = { aws_access_key_id: BEDROCK_CREDENTIALS.accessKeyId, aws_secret_access_key: BEDROCK_CREDENTIALS.secretAccessKey, aws_region_name: REGION };
    const batch = {
      s3_bucket_name: BUCKET,
      s3_region_name: REGION,
      s3_access_key_id: S3_CREDENTIALS.accessKeyId,
      s3_secret_access_key: S3_CREDENTIALS.secretAccessKey,
      s3_endpoint_url: s3.url,
      aws_batch_role_arn: ROLE,
      aws_bedrock_endpoint: bedrock.url,
    };
    world = await startOperationsGateway(
      [
        { model_name: 'claude-batch', litellm_params: { model: `bedrock/${MODEL_ID}`, ...aws, ...batch, input_cost_per_token: INPUT_PRICE, output_cost_per_token: OUTPUT_PRICE } },
        { model_name: 'claude-no-bucket', litellm_params: { model: `bedrock/${MODEL_ID}`, ...aws } },
        { model_name: 'llama-batch', litellm_params: { model: 'bedrock/meta.llama3-8b-instruct-v1:0', ...aws, ...batch } },
        { model_name: 'gemini-batch', litellm_params: { model: 'vertex_ai/gemini-2.0-flash', vertex_project: 'batch-project', vertex_location: 'us-central1' } },
      ],
      [s3, bedrock],
    );
  });
  after(() => world.close());

  it('converts the upload to Bedrock records in S3, runs the job and bills its output per line, once', async () => {
    const key = await world.newKey();
    const client = world.client(key);
    const file = await client.files.create({ file: await batchFile('claude-batch', TWO_PROMPTS, { extra: { temperature: 0.2 } }), purpose: 'batch' });
    assert.match(file.id, /^file-[0-9a-f]{32}$/);
    assert.equal(file.filename, 'batch.jsonl');

    // The PUT went to the bucket, signed for s3 with the S3 credentials, with the payload's hash.
    const put = s3.requests.at(-1);
    assert.equal(put?.method, 'PUT');
    assert.match(put?.url ?? '', new RegExp(`^/${BUCKET}/llmux-batch/input/[0-9a-f]{32}\\.jsonl$`));
    assert.match(String(put?.headers.authorization), new RegExp(`Credential=${S3_CREDENTIALS.accessKeyId}/\\d{8}/${REGION}/s3/aws4_request`));
    assert.match(String(put?.headers['x-amz-content-sha256']), /^[0-9a-f]{64}$/);
    const records = uploaded();
    assert.deepEqual(
      records.map((record) => record.recordId),
      ['req-0', 'req-1'],
    );
    assert.equal(records[0]?.modelInput.anthropic_version, 'bedrock-2023-05-31');
    assert.equal(records[0]?.modelInput.temperature, 0.2);
    assert.equal(typeof records[0]?.modelInput.max_tokens, 'number');
    assert.equal(records[0]?.modelInput.model, undefined);
    assert.deepEqual(records[1]?.modelInput.messages, [{ role: 'user', content: [{ type: 'text', text: 'three words here' }] }]);

    const batch = await client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h', metadata: { job: 'nightly' } });
    assert.match(batch.id, /^batch_[0-9a-f]{32}$/);
    assert.equal(batch.status, 'validating');
    assert.equal(batch.input_file_id, file.id);
    const job = [...bedrock.jobs.values()].at(-1);
    assert.equal(job?.modelId, MODEL_ID);
    assert.equal(job?.roleArn, ROLE);
    assert.match(job?.inputUri ?? '', new RegExp(`^s3://${BUCKET}/llmux-batch/input/[0-9a-f]{32}\\.jsonl$`));
    assert.equal(job?.outputUri, `s3://${BUCKET}/llmux-batch/output/`);
    assert.match(String(bedrock.requests.at(-1)?.headers.authorization), new RegExp(`Credential=${BEDROCK_CREDENTIALS.accessKeyId}/\\d{8}/${REGION}/bedrock/aws4_request`));

    const running = await client.batches.retrieve(batch.id);
    assert.equal(running.status, 'in_progress');
    assert.equal(bedrock.requests.at(-1)?.url, `/model-invocation-job/${encodeURIComponent(job?.jobArn ?? '')}`);
    const done = await client.batches.retrieve(batch.id);
    assert.equal(done.status, 'completed');
    assert.deepEqual(done.request_counts, { total: 2, completed: 2, failed: 0 });
    assert.deepEqual(done.metadata, { job: 'nightly' });
    assert.match(done.output_file_id ?? '', /^file-[0-9a-f]{32}$/);

    const output = await (await client.files.content(done.output_file_id ?? '')).text();
    const jobId = job?.jobArn.split('/').at(-1) ?? '';
    assert.match(s3.requests.at(-1)?.url ?? '', new RegExp(`^/${BUCKET}/llmux-batch/output/${jobId}/[0-9a-f]{32}\\.jsonl\\.out$`));
    assertTwoAnsweredLines(parseJsonLines<BatchOutputLine>(output), ['req-0', 'req-1']);
    await client.files.content(done.output_file_id ?? '');

    const rows = await world.spendRows(key, 6);
    assertBilledOnce(rows, { modelGroup: 'claude-batch', inputPrice: INPUT_PRICE, outputPrice: OUTPUT_PRICE });
    assert.equal(rows.filter((row) => row.metadata?.['call_type'] === 'afile_content').length, 2);

    // Retrieve reads the object's size in S3 (one byte of it); delete removes the input from the bucket.
    const outputFile = await client.files.retrieve(done.output_file_id ?? '');
    assert.equal(outputFile.purpose, 'batch_output');
    assert.equal(s3.requests.at(-1)?.headers.range, 'bytes=0-0');
    assert.ok(outputFile.bytes > 0);
    const inputFile = await client.files.retrieve(file.id);
    assert.deepEqual([inputFile.filename, inputFile.bytes, inputFile.purpose], [file.filename, file.bytes, 'batch']);
    const inputName = `${BUCKET}/${job?.inputUri.slice(`s3://${BUCKET}/`.length) ?? ''}`;
    assert.ok(s3.objects.has(inputName));
    await client.files.delete(file.id);
    assert.equal(s3.requests.at(-1)?.method, 'DELETE');
    assert.ok(!s3.objects.has(inputName));
  });

  it('answers a failed record as an error line and bills only the answered ones', async () => {
    const key = await world.newKey();
    const client = world.client(key);
    const { done, output } = await runBatchToOutput(client, await batchFile('claude-batch', ['fine words', `please ${FAKE_BATCH_FAIL_MARKER}`]));
    // Bedrock's PartiallyCompleted is OpenAI's completed, with the failures counted.
    assert.equal(done.status, 'completed');
    assert.deepEqual(done.request_counts, { total: 2, completed: 1, failed: 1 });
    const lines = parseJsonLines<BatchOutputLine>(output);
    assert.deepEqual(lines[1], { id: 'batch_req_req-1', custom_id: 'req-1', response: null, error: { code: '400', message: 'The model could not process this record.' } });
    assert.equal(lines[0]?.error, null);
    assertAnsweredLineBilled(await world.spendRows(key, 5));
  });

  it('cancels with StopModelInvocationJob and keeps the batch to its owner', async () => {
    const owner = world.client(await world.newKey());
    const stranger = world.client(await world.newKey());
    const file = await owner.files.create({ file: await batchFile('claude-batch', ['stop me']), purpose: 'batch' });
    const batch = await owner.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    const notFound = (error: unknown): boolean => error instanceof OpenAI.NotFoundError;
    const calls = bedrock.requests.length;
    await assert.rejects(stranger.batches.retrieve(batch.id), notFound);
    await assert.rejects(stranger.batches.cancel(batch.id), notFound);
    await assert.rejects(stranger.files.content(file.id), notFound);
    assert.equal(bedrock.requests.length, calls);

    assert.equal((await owner.batches.cancel(batch.id)).status, 'cancelling');
    const job = [...bedrock.jobs.values()].at(-1);
    assert.ok(bedrock.requests.some((request) => request.method === 'POST' && request.url === `/model-invocation-job/${encodeURIComponent(job?.jobArn ?? '')}/stop`));
    assert.equal((await owner.batches.retrieve(batch.id)).status, 'cancelled');
  });

  it('refuses by name what Bedrock batch inference through llmux cannot take', async () => {
    const client = world.client();
    const badRequest =
      (pattern: RegExp) =>
      (error: unknown): boolean =>
        error instanceof OpenAI.BadRequestError && pattern.test(error.message);
    const puts = s3.requests.length;
    await assert.rejects(client.files.create({ file: await batchFile('claude-no-bucket', ['x']), purpose: 'batch' }), badRequest(/needs s3_bucket_name/));
    await assert.rejects(
      client.files.create({ file: await batchFile('llama-batch', ['x']), purpose: 'batch' }),
      badRequest(/for Claude models; "meta.llama3-8b-instruct-v1:0" is not one/),
    );
    await assert.rejects(client.files.create({ file: await batchFile('claude-batch', ['x'], { extra: { n: 3 } }), purpose: 'batch' }), badRequest(/line 1: .*"n"/));
    await assert.rejects(
      client.files.create({ file: await batchFile('claude-batch', ['x'], { extra: { stream: true } }), purpose: 'batch' }),
      badRequest(/line 1: a batch line cannot stream/),
    );
    const embeddings = JSON.stringify({ custom_id: 'e', url: '/v1/embeddings', body: { model: 'claude-batch', input: 'x', messages: [{ role: 'user', content: 'x' }] } });
    await assert.rejects(client.files.create({ file: await toFile(Buffer.from(embeddings), 'e.jsonl'), purpose: 'batch' }), badRequest(/takes \/v1\/chat\/completions lines/));
    // Vertex AI batch prediction (operation-batches-vertex.test.ts) needs a Cloud Storage bucket: refused naming the field.
    await assert.rejects(client.files.create({ file: await batchFile('gemini-batch', ['x']), purpose: 'batch' }), badRequest(/needs gcs_bucket_name/));
    assert.equal(s3.requests.length, puts);
  });

  it('refuses a key without access to the model group, before any upstream call', async () => {
    const key = await world.newKey({ models: ['llama-batch'] });
    await assertRefusedBeforeUpstream(
      async () => world.client(key).files.create({ file: await batchFile('claude-batch', ['no access']), purpose: 'batch' }),
      notAllowed('claude-batch'),
      () => s3.requests.length + bedrock.requests.length,
    );
  });

  it('refuses a key over its budget once a batch output was billed, before any upstream call', async () => {
    const key = await world.newKey({ max_budget: 0.00001 });
    const client = world.client(key);
    const { batch } = await runBatchToOutput(client, await batchFile('claude-batch', ['spend some money here please']));
    await world.spendRows(key, 5);
    await assertRefusedBeforeUpstream(
      () => client.batches.retrieve(batch.id),
      overBudget,
      () => s3.requests.length + bedrock.requests.length,
    );
  });
});
