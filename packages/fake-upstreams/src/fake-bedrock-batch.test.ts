// The fake S3 and the fake Bedrock batch control plane must be faithful: AWS's own clients
// (@aws-sdk/client-s3 and @aws-sdk/client-bedrock) put, read, range-read and delete
// objects, create a batch inference job, follow it to completion, read its output and stop
// another, so a reply they would reject or misread, or a signature check that differs from
// theirs, fails these tests.

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { BedrockClient, CreateModelInvocationJobCommand, GetModelInvocationJobCommand, StopModelInvocationJobCommand } from '@aws-sdk/client-bedrock';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { startFakeBedrockBatch, type FakeBedrockBatchServer } from './fake-bedrock-batch.js';
import { startFakeS3, type FakeS3Server } from './fake-s3.js';

const REGION = 'us-west-2';
const CREDENTIALS = { accessKeyId: 'AKIDBATCHFAKE', secretAccessKey: 'batch-secret' };
const BUCKET = 'batch-bucket';
const ROLE = 'arn:aws:iam::123456789012:role/BedrockBatchRole';
const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';

function record(recordId: string, text: string, maxTokens: number | null = 100): string {
  const modelInput = {
    anthropic_version: 'bedrock-2023-05-31',
    messages: [{ role: 'user', content: [{ type: 'text', text }] }],
    ...(maxTokens === null ? {} : { max_tokens: maxTokens }),
  };
  return JSON.stringify({ recordId, modelInput });
}

describe('fake S3 and Bedrock batch control plane, driven by AWS clients', () => {
  let s3Fake: FakeS3Server;
  let bedrockFake: FakeBedrockBatchServer;
  let s3: S3Client;
  let bedrock: BedrockClient;

  before(async () => {
    s3Fake = await startFakeS3({ ...CREDENTIALS, region: REGION, buckets: [BUCKET] });
    bedrockFake = await startFakeBedrockBatch({ ...CREDENTIALS, region: REGION, s3: s3Fake });
    // WHEN_REQUIRED: no aws-chunked trailer checksums, which the fake does not decode.
    s3 = new S3Client({ region: REGION, endpoint: s3Fake.url, forcePathStyle: true, credentials: CREDENTIALS, requestChecksumCalculation: 'WHEN_REQUIRED', maxAttempts: 1 });
    bedrock = new BedrockClient({ region: REGION, endpoint: bedrockFake.url, credentials: CREDENTIALS, maxAttempts: 1 });
  });
  after(async () => {
    s3.destroy();
    bedrock.destroy();
    await bedrockFake.close();
    await s3Fake.close();
  });

  it('puts, reads, range-reads, heads and deletes objects', async () => {
    const body = 'line one\nline two\n';
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'dir/file.jsonl', Body: body, ContentType: 'application/jsonl' }));
    assert.match(s3Fake.requests.at(-1)?.url ?? '', /^\/batch-bucket\/dir\/file.jsonl(\?|$)/);
    assert.equal(s3Fake.objects.get(`${BUCKET}/dir/file.jsonl`)?.toString(), body);
    const read = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'dir/file.jsonl' }));
    assert.equal(await read.Body?.transformToString(), body);
    const part = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'dir/file.jsonl', Range: 'bytes=0-0' }));
    assert.equal(part.ContentRange, `bytes 0-0/${body.length}`);
    assert.equal(await part.Body?.transformToString(), 'l');
    assert.equal((await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'dir/file.jsonl' }))).ContentLength, body.length);
    await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'dir/file.jsonl' }));
    await assert.rejects(
      s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'dir/file.jsonl' })),
      (error: unknown) => error instanceof S3ServiceException && error.name === 'NoSuchKey',
    );
  });

  it('refuses a wrong secret and an unknown bucket the way S3 does', async () => {
    const wrong = new S3Client({ region: REGION, endpoint: s3Fake.url, forcePathStyle: true, credentials: { ...CREDENTIALS, secretAccessKey: 'nope' }, maxAttempts: 1 });
    await assert.rejects(
      wrong.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'x' })),
      (error: unknown) => error instanceof S3ServiceException && error.name === 'SignatureDoesNotMatch',
    );
    wrong.destroy();
    await assert.rejects(
      s3.send(new GetObjectCommand({ Bucket: 'other-bucket', Key: 'x' })),
      (error: unknown) => error instanceof S3ServiceException && error.name === 'NoSuchBucket',
    );
  });

  it('runs a job from the input in S3 to its output there, and stops another', async () => {
    const input = [record('r1', 'hello there'), record('r2', 'no max tokens', null)].join('\n');
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'in/batch.jsonl', Body: input }));
    const created = await bedrock.send(
      new CreateModelInvocationJobCommand({
        jobName: 'fake-job-1',
        roleArn: ROLE,
        modelId: MODEL,
        inputDataConfig: { s3InputDataConfig: { s3Uri: `s3://${BUCKET}/in/batch.jsonl`, s3InputFormat: 'JSONL' } },
        outputDataConfig: { s3OutputDataConfig: { s3Uri: `s3://${BUCKET}/out/` } },
        timeoutDurationInHours: 24,
      }),
    );
    assert.match(created.jobArn ?? '', /^arn:aws:bedrock:us-west-2:123456789012:model-invocation-job\/[0-9a-f]{12}$/);
    const get = (): Promise<{ status?: string | undefined; endTime?: Date | undefined; submitTime?: Date | undefined; outputDataConfig?: unknown }> =>
      bedrock.send(new GetModelInvocationJobCommand({ jobIdentifier: created.jobArn }));
    const first = await get();
    assert.equal(first.status, 'InProgress');
    assert.ok(first.submitTime instanceof Date && !Number.isNaN(first.submitTime.getTime()));
    const done = await get();
    assert.equal(done.status, 'PartiallyCompleted');
    assert.ok(done.endTime instanceof Date);
    const jobId = (created.jobArn ?? '').split('/').at(-1) ?? '';
    const out = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: `out/${jobId}/batch.jsonl.out` }));
    const records = ((await out.Body?.transformToString()) ?? '')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { recordId: string; modelOutput?: { usage: { input_tokens: number } }; error?: { errorCode: number } });
    assert.deepEqual(
      records.map((one) => one.recordId),
      ['r1', 'r2'],
    );
    assert.equal(records[0]?.modelOutput?.usage.input_tokens, 2);
    assert.equal(records[1]?.error?.errorCode, 400);

    const other = await bedrock.send(
      new CreateModelInvocationJobCommand({
        jobName: 'fake-job-2',
        roleArn: ROLE,
        modelId: MODEL,
        inputDataConfig: { s3InputDataConfig: { s3Uri: `s3://${BUCKET}/in/batch.jsonl` } },
        outputDataConfig: { s3OutputDataConfig: { s3Uri: `s3://${BUCKET}/out/` } },
      }),
    );
    await bedrock.send(new StopModelInvocationJobCommand({ jobIdentifier: other.jobArn }));
    assert.equal((await bedrock.send(new GetModelInvocationJobCommand({ jobIdentifier: other.jobArn }))).status, 'Stopping');
    assert.equal((await bedrock.send(new GetModelInvocationJobCommand({ jobIdentifier: other.jobArn }))).status, 'Stopped');
    await assert.rejects(
      bedrock.send(new StopModelInvocationJobCommand({ jobIdentifier: other.jobArn })),
      (error: unknown) => error instanceof Error && error.name === 'ValidationException',
    );
    await assert.rejects(
      bedrock.send(new GetModelInvocationJobCommand({ jobIdentifier: 'arn:aws:bedrock:us-west-2:123456789012:model-invocation-job/none' })),
      (error: unknown) => error instanceof Error && error.name === 'ResourceNotFoundException',
    );
  });
});
