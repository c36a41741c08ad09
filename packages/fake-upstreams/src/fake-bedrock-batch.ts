// Bedrock's control plane for batch inference as a fake: CreateModelInvocationJob,
// GetModelInvocationJob, StopModelInvocationJob (and ListModelInvocationJobs), SigV4-signed
// for service `bedrock`. A job "runs" over GetModelInvocationJob calls: Submitted →
// InProgress → Completed, at which point it reads its input records from the fake S3 and
// writes `<output prefix><job id>/<input name>.out` (one record a line: `recordId`,
// `modelInput`, and a Claude Messages reply as `modelOutput`, or an `error` for a record
// without `max_tokens` or whose prompt holds FAKE_BATCH_FAIL_MARKER) and `manifest.json.out`. Stop moves a job to Stopping, which the
// next GetModelInvocationJob reports, and the one after that Stopped.

import type { ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { verifyAwsSigV4, type FakeAwsCredentials } from './fake-aws-sigv4.js';
import { sendAwsError } from './fake-aws-event-stream.js';
import { FAKE_BATCH_COMPLETION_TOKENS } from './fake-openai-batches.js';
import type { FakeS3Server } from './fake-s3.js';
import { sendJson, startFakeServer, type FakeServer, type RecordedRequest } from './start-fake-server.js';
import { isRecord } from './is-record.js';

export interface FakeBedrockBatchOptions extends FakeAwsCredentials {
  region: string;
  /** Where jobs read their input and write their output. */
  s3: FakeS3Server;
}

export interface FakeBedrockJob {
  jobArn: string;
  jobName: string;
  modelId: string;
  roleArn: string;
  status: string;
  inputUri: string;
  outputUri: string;
  submitTime: string;
  lastModifiedTime: string;
  endTime?: string;
  timeoutDurationInHours: number;
  records?: { total: number; success: number; error: number };
  /** A GetModelInvocationJob has reported it Stopping. */
  stopSeen?: boolean;
  /** The create request's body as received. */
  request: Record<string, unknown>;
}

export interface FakeBedrockBatchServer extends FakeServer {
  jobs: Map<string, FakeBedrockJob>;
}

/** A record whose prompt holds this fails, as a record the model rejects does (for tests of PartiallyCompleted jobs). */
export const FAKE_BATCH_FAIL_MARKER = '[fail this record]';

const ACCOUNT = '123456789012';
const ROLE_ARN = /^arn:aws(-[^:]+)?:iam::\d{12}:role\/.+$/;
const JOB_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9+\-.])*$/;

export async function startFakeBedrockBatch(options: FakeBedrockBatchOptions): Promise<FakeBedrockBatchServer> {
  const jobs = new Map<string, FakeBedrockJob>();
  const now = (): string => new Date().toISOString();

  const run = (job: FakeBedrockJob): void => {
    const input = options.s3.objects.get(s3Name(job.inputUri));
    const lines = (input?.toString('utf8') ?? '').split('\n').filter((line) => line.trim() !== '');
    const outputs = lines.map((line, index) => answerRecord(line, index, job.modelId));
    const jobId = job.jobArn.slice(job.jobArn.lastIndexOf('/') + 1);
    const prefix = `${s3Name(job.outputUri).replace(/\/?$/, '/')}${jobId}/`;
    const inputName = job.inputUri.slice(job.inputUri.lastIndexOf('/') + 1);
    options.s3.objects.set(`${prefix}${inputName}.out`, Buffer.from(outputs.map((record) => JSON.stringify(record)).join('\n') + '\n'));
    const error = outputs.filter((record) => record['error'] !== undefined).length;
    job.records = { total: outputs.length, success: outputs.length - error, error };
    options.s3.objects.set(
      `${prefix}manifest.json.out`,
      Buffer.from(JSON.stringify({ totalRecordCount: outputs.length, processedRecordCount: outputs.length, successRecordCount: job.records.success, errorRecordCount: error })),
    );
    Object.assign(job, { status: error === 0 ? 'Completed' : 'PartiallyCompleted', endTime: now(), lastModifiedTime: now() });
  };

  const advance = (job: FakeBedrockJob): void => {
    if (job.status === 'Submitted') Object.assign(job, { status: 'InProgress', lastModifiedTime: now() });
    else if (job.status === 'InProgress') run(job);
    // A stopping job is seen Stopping once, then Stopped.
    else if (job.status === 'Stopping' && job.stopSeen === true) Object.assign(job, { status: 'Stopped', endTime: now(), lastModifiedTime: now() });
    else if (job.status === 'Stopping') job.stopSeen = true;
  };

  const handle = async (request: RecordedRequest, response: ServerResponse): Promise<void> => {
    const failure = await verifyAwsSigV4(request, { ...options, service: 'bedrock' });
    if (failure !== undefined) return sendAwsError(response, failure.status, failure.errorType, failure.message);
    const path = request.url.split('?', 1)[0] ?? '/';
    const match = /^\/model-invocation-job(?:\/([^/]+))?(\/stop)?$/.exec(path);
    if (match === null) return sendAwsError(response, 404, 'UnknownOperationException', `no operation at ${request.method} ${path}`);
    const [, identifier, stop] = match;
    if (identifier === undefined) {
      if (request.method === 'GET') return sendJson(response, 200, { invocationJobSummaries: [...jobs.values()].map(describe) });
      if (request.method !== 'POST') return sendAwsError(response, 405, 'UnknownOperationException', 'method not allowed');
      return create(request, response);
    }
    const job = jobs.get(decodeURIComponent(identifier)) ?? [...jobs.values()].find((one) => one.jobArn.endsWith(`/${decodeURIComponent(identifier)}`));
    if (job === undefined) return sendAwsError(response, 404, 'ResourceNotFoundException', `The specified job ${decodeURIComponent(identifier)} was not found.`);
    if (stop !== undefined && request.method === 'POST') {
      if (job.status !== 'Submitted' && job.status !== 'InProgress' && job.status !== 'Validating' && job.status !== 'Scheduled')
        return sendAwsError(response, 400, 'ValidationException', `The job cannot be stopped because it is ${job.status}.`);
      Object.assign(job, { status: 'Stopping', lastModifiedTime: now() });
      return sendJson(response, 200, {});
    }
    if (stop === undefined && request.method === 'GET') {
      advance(job);
      return sendJson(response, 200, describe(job));
    }
    return sendAwsError(response, 405, 'UnknownOperationException', 'method not allowed');
  };

  const create = (request: RecordedRequest, response: ServerResponse): void => {
    const body = isRecord(request.json) ? request.json : {};
    const input = field(field(body['inputDataConfig'], 's3InputDataConfig'), 's3Uri');
    const output = field(field(body['outputDataConfig'], 's3OutputDataConfig'), 's3Uri');
    const { jobName, roleArn, modelId } = body;
    if (typeof jobName !== 'string' || !JOB_NAME.test(jobName) || jobName.length > 63) return sendAwsError(response, 400, 'ValidationException', 'jobName is invalid.');
    if (typeof roleArn !== 'string' || !ROLE_ARN.test(roleArn)) return sendAwsError(response, 400, 'ValidationException', 'roleArn is invalid.');
    if (typeof modelId !== 'string' || modelId === '') return sendAwsError(response, 400, 'ValidationException', 'modelId is required.');
    if (typeof input !== 'string' || !input.startsWith('s3://') || typeof output !== 'string' || !output.startsWith('s3://'))
      return sendAwsError(response, 400, 'ValidationException', 'inputDataConfig and outputDataConfig need an s3Uri.');
    if (!options.s3.objects.has(s3Name(input))) return sendAwsError(response, 400, 'ValidationException', `The input S3 object ${input} does not exist.`);
    const hours = body['timeoutDurationInHours'] ?? 24;
    if (typeof hours !== 'number' || hours < 24 || hours > 168) return sendAwsError(response, 400, 'ValidationException', 'timeoutDurationInHours must be between 24 and 168.');
    if ([...jobs.values()].some((job) => job.jobName === jobName)) return sendAwsError(response, 409, 'ConflictException', `A job named ${jobName} already exists.`);
    const jobArn = `arn:aws:bedrock:${options.region}:${ACCOUNT}:model-invocation-job/${randomBytes(6).toString('hex')}`;
    const time = now();
    jobs.set(jobArn, {
      jobArn,
      jobName,
      modelId,
      roleArn,
      status: 'Submitted',
      inputUri: input,
      outputUri: output,
      submitTime: time,
      lastModifiedTime: time,
      timeoutDurationInHours: hours,
      request: body,
    });
    sendJson(response, 200, { jobArn });
  };

  const server = await startFakeServer(handle);
  return { ...server, jobs };
}

function describe(job: FakeBedrockJob): Record<string, unknown> {
  const expires = new Date(Date.parse(job.submitTime) + job.timeoutDurationInHours * 3_600_000).toISOString();
  return {
    jobArn: job.jobArn,
    jobName: job.jobName,
    modelId: job.modelId,
    roleArn: job.roleArn,
    status: job.status,
    submitTime: job.submitTime,
    lastModifiedTime: job.lastModifiedTime,
    ...(job.endTime === undefined ? {} : { endTime: job.endTime }),
    inputDataConfig: { s3InputDataConfig: { s3Uri: job.inputUri, s3InputFormat: 'JSONL' } },
    outputDataConfig: { s3OutputDataConfig: { s3Uri: job.outputUri } },
    timeoutDurationInHours: job.timeoutDurationInHours,
    jobExpirationTime: expires,
    ...(job.records === undefined ? {} : { totalRecordCount: job.records.total, successRecordCount: job.records.success, errorRecordCount: job.records.error }),
  };
}

/** One output record: the input echoed, and a Claude reply counting the prompt's words, or an error. */
function answerRecord(line: string, index: number, modelId: string): Record<string, unknown> {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return { recordId: `line${index + 1}`, error: { errorCode: 400, errorMessage: 'Malformed input record.' } };
  }
  const recordId = isRecord(record) && typeof record['recordId'] === 'string' ? record['recordId'] : `line${index + 1}`;
  const modelInput = isRecord(record) ? record['modelInput'] : undefined;
  if (!isRecord(modelInput) || typeof modelInput['max_tokens'] !== 'number' || modelInput['anthropic_version'] !== 'bedrock-2023-05-31' || !Array.isArray(modelInput['messages'])) {
    return { recordId, modelInput, error: { errorCode: 400, errorMessage: 'Malformed input request: max_tokens, anthropic_version and messages are required.' } };
  }
  const text = (modelInput['messages'] as unknown[]).map(messageText).join(' ');
  if (text.includes(FAKE_BATCH_FAIL_MARKER)) return { recordId, modelInput, error: { errorCode: 400, errorMessage: 'The model could not process this record.' } };
  const promptTokens = Math.max(1, text.split(/\s+/).filter((word) => word !== '').length);
  const modelOutput = {
    id: `msg_bdrk_${randomBytes(8).toString('hex')}`,
    type: 'message',
    role: 'assistant',
    model: modelId.replace(/^([a-z]{2}\.)?anthropic\./, 'claude-').replace(/-v\d+:\d+$/, ''),
    content: [{ type: 'text', text: `Batch answer to: ${text}`.slice(0, 200) }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: promptTokens, output_tokens: FAKE_BATCH_COMPLETION_TOKENS },
  };
  return { recordId, modelInput, modelOutput };
}

function messageText(message: unknown): string {
  const content = isRecord(message) ? message['content'] : undefined;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((block: unknown) => (isRecord(block) && typeof block['text'] === 'string' ? block['text'] : '')).join(' ');
}

function field(value: unknown, name: string): unknown {
  return isRecord(value) ? value[name] : undefined;
}

/** `s3://bucket/key` → the fake S3's `bucket/key`. */
function s3Name(uri: string): string {
  return uri.replace(/^s3:\/\//, '');
}
