// The fake Vertex batch job service must be faithful: Google's own client (@google/genai,
// Vertex mode) creates a Gemini batch prediction job on a gs:// input, follows it to
// JOB_STATE_SUCCEEDED, reads its output directory and cancels another, so a job it would
// misread fails here. No Cloud Storage client is installed (and none is added for this), so
// the fake GCS is checked over plain HTTP against the JSON API's documented wire format:
// media upload, object resource (size as a string), alt=media, paged list by prefix,
// delete, and Google's JSON errors for a missing token or object.

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { GoogleGenAI } from '@google/genai';
import { OAuth2Client } from 'google-auth-library';
import { FAKE_BATCH_FAIL_MARKER } from './fake-bedrock-batch.js';
import { startFakeGcs, type FakeGcsServer } from './fake-gcs.js';
import { startFakeVertexBatch, type FakeVertexBatchServer } from './fake-vertex-batch.js';

const PROJECT = 'batch-project';
const LOCATION = 'us-central1';
const BUCKET = 'batch-bucket';
const TOKEN = 'ya29.fake-batch-token';

function line(text: string): string {
  return JSON.stringify({ request: { contents: [{ role: 'user', parts: [{ text }] }], labels: { llmux_batch_line: text.length.toString() } } });
}

describe('fake Vertex batch prediction and fake Cloud Storage', () => {
  let gcs: FakeGcsServer;
  let vertex: FakeVertexBatchServer;
  let client: GoogleGenAI;
  const auth = { authorization: `Bearer ${TOKEN}` };

  before(async () => {
    gcs = await startFakeGcs({ tokens: [TOKEN], buckets: [BUCKET] });
    vertex = await startFakeVertexBatch({ tokens: [TOKEN], project: PROJECT, gcs });
    const authClient = new OAuth2Client();
    authClient.setCredentials({ access_token: TOKEN, expiry_date: Date.now() + 3_600_000 });
    client = new GoogleGenAI({ vertexai: true, project: PROJECT, location: LOCATION, httpOptions: { baseUrl: vertex.url }, googleAuthOptions: { authClient } });
  });
  after(async () => {
    await vertex.close();
    await gcs.close();
  });

  it('stores, lists, reads and deletes objects as the JSON API does', async () => {
    const upload = await fetch(`${gcs.url}/upload/storage/v1/b/${BUCKET}/o?uploadType=media&name=${encodeURIComponent('dir/a.jsonl')}`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/jsonl' },
      body: 'abc\n',
    });
    assert.equal(upload.status, 200);
    assert.deepEqual(
      [(await upload.json()) as Record<string, unknown>].map(({ kind, name, bucket, size }) => ({ kind, name, bucket, size })),
      [{ kind: 'storage#object', name: 'dir/a.jsonl', bucket: BUCKET, size: '4' }],
    );
    await fetch(`${gcs.url}/upload/storage/v1/b/${BUCKET}/o?uploadType=media&name=dir%2Fb.jsonl`, { method: 'POST', headers: auth, body: 'de' });
    await fetch(`${gcs.url}/upload/storage/v1/b/${BUCKET}/o?uploadType=media&name=other.jsonl`, { method: 'POST', headers: auth, body: 'x' });

    const first = (await (await fetch(`${gcs.url}/storage/v1/b/${BUCKET}/o?prefix=dir%2F&maxResults=1`, { headers: auth })).json()) as {
      items: Array<{ name: string }>;
      nextPageToken?: string;
    };
    assert.deepEqual(
      first.items.map((item) => item.name),
      ['dir/a.jsonl'],
    );
    assert.equal(typeof first.nextPageToken, 'string');
    const second = (await (await fetch(`${gcs.url}/storage/v1/b/${BUCKET}/o?prefix=dir%2F&maxResults=1&pageToken=${first.nextPageToken ?? ''}`, { headers: auth })).json()) as {
      items: Array<{ name: string }>;
      nextPageToken?: string;
    };
    assert.deepEqual(
      second.items.map((item) => item.name),
      ['dir/b.jsonl'],
    );
    assert.equal(second.nextPageToken, undefined);

    assert.equal(await (await fetch(`${gcs.url}/storage/v1/b/${BUCKET}/o/${encodeURIComponent('dir/a.jsonl')}?alt=media`, { headers: auth })).text(), 'abc\n');
    const metadata = (await (await fetch(`${gcs.url}/storage/v1/b/${BUCKET}/o/${encodeURIComponent('dir/a.jsonl')}`, { headers: auth })).json()) as Record<string, unknown>;
    assert.equal(metadata['size'], '4');
    assert.equal((await fetch(`${gcs.url}/storage/v1/b/${BUCKET}/o/${encodeURIComponent('dir/a.jsonl')}`, { method: 'DELETE', headers: auth })).status, 204);
    const gone = await fetch(`${gcs.url}/storage/v1/b/${BUCKET}/o/${encodeURIComponent('dir/a.jsonl')}?alt=media`, { headers: auth });
    assert.equal(gone.status, 404);
    assert.deepEqual(((await gone.json()) as { error: { code: number; status: string } }).error.status, 'NOT_FOUND');

    const anonymous = await fetch(`${gcs.url}/storage/v1/b/${BUCKET}/o?prefix=`);
    assert.equal(anonymous.status, 401);
    assert.equal(((await anonymous.json()) as { error: { status: string } }).error.status, 'UNAUTHENTICATED');
  });

  it('runs a Gemini batch job created by @google/genai and writes its predictions to the fake GCS', async () => {
    gcs.objects.set(`${BUCKET}/in/requests.jsonl`, {
      data: Buffer.from([line('hello there'), line(`no ${FAKE_BATCH_FAIL_MARKER}`)].join('\n')),
      contentType: 'application/jsonl',
      updated: '',
    });
    const created = await client.batches.create({
      model: 'gemini-2.0-flash-001',
      src: `gs://${BUCKET}/in/requests.jsonl`,
      config: { dest: `gs://${BUCKET}/out/`, displayName: 'fake-batch' },
    });
    assert.equal(created.state, 'JOB_STATE_PENDING');
    const job = vertex.jobs.get(created.name ?? '');
    assert.equal(job?.model, 'publishers/google/models/gemini-2.0-flash-001');
    assert.deepEqual(job?.request['inputConfig'], { instancesFormat: 'jsonl', gcsSource: { uris: [`gs://${BUCKET}/in/requests.jsonl`] } });

    assert.equal((await client.batches.get({ name: created.name ?? '' })).state, 'JOB_STATE_RUNNING');
    const done = await client.batches.get({ name: created.name ?? '' });
    assert.equal(done.state, 'JOB_STATE_PARTIALLY_SUCCEEDED');
    assert.equal(done.dest?.gcsUri, `gs://${BUCKET}/out/`);
    // @google/genai reads the prefix only; the directory Vertex wrote is outputInfo.gcsOutputDirectory, which llmux reads.
    const raw = (await (await fetch(`${vertex.url}/v1/${created.name ?? ''}`, { headers: auth })).json()) as { outputInfo: { gcsOutputDirectory: string } };
    assert.match(raw.outputInfo.gcsOutputDirectory, new RegExp(`^gs://${BUCKET}/out/prediction-model-`));
    assert.equal(done.completionStats?.successfulCount, '1');
    assert.equal(done.completionStats?.failedCount, '1');

    const predictions = gcs.objects.get(`${raw.outputInfo.gcsOutputDirectory.slice('gs://'.length)}/predictions.jsonl`)?.data.toString('utf8') ?? '';
    const lines = predictions
      .trim()
      .split('\n')
      .map(
        (text) =>
          JSON.parse(text) as { status: string; request: { labels: Record<string, string> }; response?: { candidates: Array<{ content: { parts: Array<{ text: string }> } }> } },
      );
    // Written in reverse; each request echoed with its labels.
    assert.match(lines[0]?.status ?? '', /could not process/);
    assert.equal(lines[1]?.response?.candidates[0]?.content.parts[0]?.text, 'Batch answer to: hello there');
    assert.deepEqual(lines[1]?.request.labels, { llmux_batch_line: '11' });
  });

  it('cancels a job as Vertex does, and refuses a stranger', async () => {
    gcs.objects.set(`${BUCKET}/in/cancel.jsonl`, { data: Buffer.from(line('stop')), contentType: 'application/jsonl', updated: '' });
    const created = await client.batches.create({ model: 'gemini-2.0-flash-001', src: `gs://${BUCKET}/in/cancel.jsonl`, config: { dest: `gs://${BUCKET}/out/` } });
    await client.batches.cancel({ name: created.name ?? '' });
    assert.ok(vertex.requests.some((request) => request.method === 'POST' && request.url.endsWith(`${created.name ?? ''}:cancel`)));
    assert.equal((await client.batches.get({ name: created.name ?? '' })).state, 'JOB_STATE_CANCELLING');
    assert.equal((await client.batches.get({ name: created.name ?? '' })).state, 'JOB_STATE_CANCELLED');

    const stranger = await fetch(`${vertex.url}/v1/${created.name ?? ''}`, { headers: { authorization: 'Bearer ya29.unknown' } });
    assert.equal(stranger.status, 401);
    await assert.rejects(
      client.batches.create({ model: 'gemini-2.0-flash-001', src: `gs://${BUCKET}/in/missing.jsonl`, config: { dest: `gs://${BUCKET}/out/` } }),
      /does not exist/,
    );
  });
});
