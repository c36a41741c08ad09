// /v1/files and /v1/batches on Vertex AI batch prediction (Gemini) through the gateway, with
// the official openai client, against a fake Cloud Storage JSON API, a fake Vertex batch
// job service and a fake Google token endpoint (a throwaway service account): the upload
// converted to Vertex request lines (the Gemini converters) and uploaded to the deployment's
// bucket with the deployment's token, the job created on the google publisher's model,
// states mapped, `:cancel`, the predictions read back from the output directory, mapped to
// their custom_ids whatever order Vertex wrote them in, and billed per line once; the
// owner's 404s, refusals by name, model access and a budget. The fakes are proven in
// fake-vertex-batch.test.ts (@google/genai for the job service; plain HTTP for Cloud Storage,
// as no Google storage client is installed).

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  FAKE_BATCH_FAIL_MARKER,
  startFakeGcs,
  startFakeGoogleTokenServer,
  startFakeVertexBatch,
  type FakeGcsServer,
  type FakeGoogleTokenServer,
  type FakeVertexBatchServer,
} from '@llmux/fake-upstreams';
import OpenAI, { toFile } from 'openai';
import { startOperationsGateway, type OperationsGateway } from './helpers/operations-gateway.js';
import { overrideProcessEnv } from './helpers/process-env-override.js';
import { writeServiceAccountFile } from './helpers/service-account-file.js';
import { batchFile, runBatchToOutput } from './helpers/batch-flow.js';
import { assertAnsweredLineBilled, assertBilledOnce, assertTwoAnsweredLines, parseJsonLines, TWO_PROMPTS, type BatchOutputLine } from './helpers/batch-output-checks.js';
import { assertRefusedBeforeUpstream, notAllowed, overBudget } from './helpers/refused-before-upstream.js';

const PROJECT = 'batch-project';
const LOCATION = 'us-central1';
const BUCKET = 'llmux-vertex-batches';
const MODEL = 'gemini-2.0-flash-001';
const INPUT_PRICE = 0.000001;
const OUTPUT_PRICE = 0.000004;

interface VertexLine {
  request: {
    contents: Array<{ role: string; parts: Array<{ text: string }> }>;
    systemInstruction?: unknown;
    generationConfig?: Record<string, unknown>;
    labels: Record<string, string>;
  };
}

describe('/v1/files and /v1/batches on Vertex AI batch prediction', () => {
  let world: OperationsGateway;
  let tokens: FakeGoogleTokenServer;
  let gcs: FakeGcsServer;
  let vertex: FakeVertexBatchServer;

  const uploaded = (): { name: string; lines: VertexLine[] } => {
    const name = [...gcs.objects.keys()].filter((key) => key.startsWith(`${BUCKET}/llmux-batch/input/`) && key.endsWith('.jsonl')).at(-1) ?? '';
    return { name, lines: parseJsonLines<VertexLine>(gcs.objects.get(name)?.data.toString('utf8') ?? '') };
  };

  before(async () => {
    tokens = await startFakeGoogleTokenServer();
    const account = tokens.createServiceAccount({ projectId: PROJECT });
    gcs = await startFakeGcs({ tokens: tokens.issued, buckets: [BUCKET] });
    vertex = await startFakeVertexBatch({ tokens: tokens.issued, project: PROJECT, gcs });
    // The variable Google's storage clients read for an emulator; the SDK reads it the same way.
    const emulator = overrideProcessEnv('STORAGE_EMULATOR_HOST', gcs.url);
    const keyFile = await writeServiceAccountFile(account.keyFile);
    const vertexParams = { api_base: vertex.url, vertex_project: PROJECT, vertex_location: LOCATION, vertex_credentials: keyFile.path };
    world = await startOperationsGateway(
      [
        {
          model_name: 'gemini-batch',
          litellm_params: { model: `vertex_ai/${MODEL}`, ...vertexParams, gcs_bucket_name: BUCKET, input_cost_per_token: INPUT_PRICE, output_cost_per_token: OUTPUT_PRICE },
        },
        { model_name: 'gemini-no-bucket', litellm_params: { model: `vertex_ai/${MODEL}`, ...vertexParams } },
        { model_name: 'claude-vertex-batch', litellm_params: { model: 'vertex_ai/claude-sonnet-4-5@20250929', ...vertexParams, gcs_bucket_name: BUCKET } },
        { model_name: 'llama-vertex-batch', litellm_params: { model: 'vertex_ai/meta/llama-3.3-70b-instruct-maas', ...vertexParams, gcs_bucket_name: BUCKET } },
      ],
      [gcs, vertex, tokens, keyFile, emulator],
    );
  });
  after(() => world.close());

  it('converts the upload to Vertex request lines in GCS, runs the job and bills its output per line, once', async () => {
    const key = await world.newKey();
    const client = world.client(key);
    const file = await client.files.create({
      file: await batchFile('gemini-batch', TWO_PROMPTS, { extra: { temperature: 0.2, max_tokens: 50 }, customId: (index) => `Req ${index}` }),
      purpose: 'batch',
    });
    assert.match(file.id, /^file-[0-9a-f]{32}$/);
    assert.equal(file.filename, 'batch.jsonl');

    // The media upload went to the bucket with a token the token endpoint issued; the custom_ids went beside it.
    const upload = gcs.requests.at(-1);
    assert.equal(upload?.method, 'POST');
    const uploadUrl = new URL(upload?.url ?? '', 'http://fake');
    assert.equal(uploadUrl.pathname, `/upload/storage/v1/b/${BUCKET}/o`);
    assert.equal(uploadUrl.searchParams.get('uploadType'), 'media');
    assert.match(uploadUrl.searchParams.get('name') ?? '', /^llmux-batch\/input\/[0-9a-f]{32}\.jsonl$/);
    assert.ok(tokens.issued.includes(String(upload?.headers.authorization).replace('Bearer ', '')));
    const { name, lines } = uploaded();
    assert.deepEqual(
      lines.map((line) => line.request.labels),
      [{ llmux_batch_line: '1' }, { llmux_batch_line: '2' }],
    );
    assert.deepEqual(lines[1]?.request.contents, [{ role: 'user', parts: [{ text: 'three words here' }] }]);
    assert.equal(lines[0]?.request.generationConfig?.['temperature'], 0.2);
    assert.equal(lines[0]?.request.generationConfig?.['maxOutputTokens'], 50);
    assert.deepEqual(JSON.parse(gcs.objects.get(`${name}.custom_ids.json`)?.data.toString('utf8') ?? ''), ['Req 0', 'Req 1']);

    const batch = await client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h', metadata: { job: 'nightly' } });
    assert.match(batch.id, /^batch_[0-9a-f]{32}$/);
    assert.equal(batch.status, 'validating');
    assert.equal(batch.input_file_id, file.id);
    const create = vertex.requests.at(-1);
    assert.equal(create?.url, `/v1/projects/${PROJECT}/locations/${LOCATION}/batchPredictionJobs`);
    const job = [...vertex.jobs.values()].at(-1);
    assert.equal(job?.model, `publishers/google/models/${MODEL}`);
    assert.deepEqual(job?.request['inputConfig'], { instancesFormat: 'jsonl', gcsSource: { uris: [`gs://${name}`] } });
    const inputId = /([0-9a-f]{32})\.jsonl$/.exec(name)?.[1] ?? '';
    assert.deepEqual(job?.request['outputConfig'], { predictionsFormat: 'jsonl', gcsDestination: { outputUriPrefix: `gs://${BUCKET}/llmux-batch/output/${inputId}/` } });

    const running = await client.batches.retrieve(batch.id);
    assert.equal(running.status, 'in_progress');
    assert.equal(vertex.requests.at(-1)?.url, `/v1/${job?.name ?? ''}`);
    const done = await client.batches.retrieve(batch.id);
    assert.equal(done.status, 'completed');
    assert.deepEqual(done.request_counts, { total: 2, completed: 2, failed: 0 });
    assert.deepEqual(done.metadata, { job: 'nightly' });
    assert.match(done.output_file_id ?? '', /^file-[0-9a-f]{32}$/);

    const output = parseJsonLines<BatchOutputLine>(await (await client.files.content(done.output_file_id ?? '')).text());
    // The fake wrote its predictions in reverse; the labels put each back under its custom_id, in the input's order.
    assertTwoAnsweredLines(output, ['Req 0', 'Req 1']);
    const listing = gcs.requests.find((request) => request.url.startsWith(`/storage/v1/b/${BUCKET}/o?`));
    assert.equal(new URL(listing?.url ?? '', 'http://fake').searchParams.get('prefix'), `${(job?.outputDirectory ?? '').replace(`gs://${BUCKET}/`, '')}/`);
    assert.ok(gcs.requests.some((request) => request.url.endsWith('%2Fpredictions.jsonl?alt=media')));
    await client.files.content(done.output_file_id ?? '');

    const rows = await world.spendRows(key, 6);
    assertBilledOnce(rows, { modelGroup: 'gemini-batch', inputPrice: INPUT_PRICE, outputPrice: OUTPUT_PRICE });
    assert.equal(rows.filter((row) => row.metadata?.['call_type'] === 'afile_content').length, 2);

    // Retrieve reads the output directory's listing and the input's metadata; delete removes the input and its custom_ids.
    const outputFile = await client.files.retrieve(done.output_file_id ?? '');
    assert.equal(outputFile.purpose, 'batch_output');
    assert.ok(outputFile.bytes > 0);
    const inputFile = await client.files.retrieve(file.id);
    assert.deepEqual([inputFile.filename, inputFile.bytes, inputFile.purpose], [file.filename, file.bytes, 'batch']);
    assert.equal(gcs.requests.at(-1)?.url, `/storage/v1/b/${BUCKET}/o/${encodeURIComponent(name.slice(BUCKET.length + 1))}`);
    await client.files.delete(file.id);
    assert.equal(gcs.requests.at(-1)?.method, 'DELETE');
    assert.ok(!gcs.objects.has(name));
    assert.ok(!gcs.objects.has(`${name}.custom_ids.json`));
  });

  it('answers a failed request as an error line and bills only the answered ones', async () => {
    const key = await world.newKey();
    const client = world.client(key);
    const { done, output } = await runBatchToOutput(
      client,
      await batchFile('gemini-batch', ['fine words', `please ${FAKE_BATCH_FAIL_MARKER}`], { customId: (index) => `Req ${index}` }),
    );
    // Vertex's JOB_STATE_PARTIALLY_SUCCEEDED is OpenAI's completed, with the failures counted.
    assert.equal(done.status, 'completed');
    assert.deepEqual(done.request_counts, { total: 2, completed: 1, failed: 1 });
    const lines = parseJsonLines<BatchOutputLine>(output);
    assert.equal(lines[1]?.custom_id, 'Req 1');
    assert.equal(lines[1]?.response, null);
    assert.equal(lines[1]?.error?.code, 'vertex_error');
    assert.match(lines[1]?.error?.message ?? '', /could not process this request/);
    assert.equal(lines[0]?.error, null);
    assertAnsweredLineBilled(await world.spendRows(key, 5));
  });

  it('cancels with :cancel and keeps the batch and its files to their owner', async () => {
    const owner = world.client(await world.newKey());
    const stranger = world.client(await world.newKey());
    const file = await owner.files.create({ file: await batchFile('gemini-batch', ['stop me'], { customId: (index) => `Req ${index}` }), purpose: 'batch' });
    const batch = await owner.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    const notFound = (error: unknown): boolean => error instanceof OpenAI.NotFoundError;
    const calls = vertex.requests.length + gcs.requests.length;
    await assert.rejects(stranger.batches.retrieve(batch.id), notFound);
    await assert.rejects(stranger.batches.cancel(batch.id), notFound);
    await assert.rejects(stranger.files.content(file.id), notFound);
    await assert.rejects(stranger.files.delete(file.id), notFound);
    assert.equal(vertex.requests.length + gcs.requests.length, calls);

    assert.equal((await owner.batches.cancel(batch.id)).status, 'cancelling');
    const job = [...vertex.jobs.values()].at(-1);
    assert.ok(vertex.requests.some((request) => request.method === 'POST' && request.url === `/v1/${job?.name ?? ''}:cancel`));
    assert.equal((await owner.batches.retrieve(batch.id)).status, 'cancelled');
  });

  it('refuses by name what Vertex AI batch prediction through llmux cannot take, before any upstream call', async () => {
    const client = world.client();
    const badRequest =
      (pattern: RegExp) =>
      (error: unknown): boolean =>
        error instanceof OpenAI.BadRequestError && pattern.test(error.message);
    const calls = gcs.requests.length + vertex.requests.length;
    await assert.rejects(
      client.files.create({ file: await batchFile('gemini-no-bucket', ['x'], { customId: (index) => `Req ${index}` }), purpose: 'batch' }),
      badRequest(/needs gcs_bucket_name/),
    );
    await assert.rejects(
      client.files.create({ file: await batchFile('claude-vertex-batch', ['x'], { customId: (index) => `Req ${index}` }), purpose: 'batch' }),
      badRequest(/for Gemini models; "claude-sonnet-4-5@20250929" is not one/),
    );
    await assert.rejects(
      client.files.create({ file: await batchFile('llama-vertex-batch', ['x'], { customId: (index) => `Req ${index}` }), purpose: 'batch' }),
      badRequest(/for Gemini models; "meta\/llama/),
    );
    await assert.rejects(
      client.files.create({ file: await batchFile('gemini-batch', ['x'], { extra: { logit_bias: { '1': 2 } }, customId: (index) => `Req ${index}` }), purpose: 'batch' }),
      badRequest(/line 1: .*logit_bias/),
    );
    await assert.rejects(
      client.files.create({ file: await batchFile('gemini-batch', ['x'], { extra: { stream: true }, customId: (index) => `Req ${index}` }), purpose: 'batch' }),
      badRequest(/line 1: a batch line cannot stream/),
    );
    await assert.rejects(
      // What a live call would drop with a warning header has nowhere to be reported in a batch: refused instead.
      client.files.create({
        file: await batchFile('gemini-batch', ['x'], {
          extra: { messages: [{ role: 'user', content: [{ type: 'text', text: 'x', cache_control: { type: 'ephemeral' } }] }] },
          customId: (index) => `Req ${index}`,
        }),
        purpose: 'batch',
      }),
      badRequest(/line 1: cache_control ignored/),
    );
    const embeddings = JSON.stringify({ custom_id: 'e', url: '/v1/embeddings', body: { model: 'gemini-batch', input: 'x', messages: [{ role: 'user', content: 'x' }] } });
    await assert.rejects(client.files.create({ file: await toFile(Buffer.from(embeddings), 'e.jsonl'), purpose: 'batch' }), badRequest(/takes \/v1\/chat\/completions lines/));
    assert.equal(gcs.requests.length + vertex.requests.length, calls);
  });

  it('refuses a key without access to the model group, before any upstream call', async () => {
    const key = await world.newKey({ models: ['gemini-no-bucket'] });
    await assertRefusedBeforeUpstream(
      async () => world.client(key).files.create({ file: await batchFile('gemini-batch', ['no access'], { customId: (index) => `Req ${index}` }), purpose: 'batch' }),
      notAllowed('gemini-batch'),
      () => gcs.requests.length + vertex.requests.length + tokens.requests.length,
    );
  });

  it('refuses a key over its budget once a batch output was billed, before any upstream call', async () => {
    const key = await world.newKey({ max_budget: 0.000001 });
    const client = world.client(key);
    const { batch } = await runBatchToOutput(client, await batchFile('gemini-batch', ['spend some money here please'], { customId: (index) => `Req ${index}` }));
    await world.spendRows(key, 5);
    await assertRefusedBeforeUpstream(
      () => client.batches.retrieve(batch.id),
      overBudget,
      () => gcs.requests.length + vertex.requests.length,
    );
  });
});
