// Bedrock's control plane for batch inference (`bedrock.<region>.amazonaws.com`):
// CreateModelInvocationJob, GetModelInvocationJob and StopModelInvocationJob, and the job
// as OpenAI's Batch object: the job ARN is the batch id, statuses mapped to OpenAI's, the
// output file the S3 object Bedrock writes (`<output prefix><job id>/<input name>.out`).

import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { BadRequestError } from '../../errors/error-classes.js';
import { parseAwsBody } from '../aws/parse-aws-body.js';
import type { AwsServiceConfig } from '../aws/aws-service.js';
import { sendAwsRequest } from '../aws/send-aws-request.js';
import type { BatchObject, CreateBatchRequest } from '../batch-support.js';
import { nowSeconds } from '../now-seconds.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { BEDROCK_ERRORS } from './bedrock-error.js';

const BEDROCK_CONTROL_PLANE: AwsServiceConfig = {
  signingName: 'bedrock',
  defaultEndpoint: (region) => `https://bedrock.${region}.amazonaws.com`,
  endpointSettings: ['aws_bedrock_endpoint'],
  endpointEnv: ['AWS_ENDPOINT_URL_BEDROCK'],
  bearerTokenEnv: 'AWS_BEARER_TOKEN_BEDROCK',
  // api_base is the runtime's address (chat), never the control plane's.
  ignoresApiBase: true,
  errors: { ...BEDROCK_ERRORS, ConflictException: { status: 409 } },
};

/** Bedrock's job statuses → OpenAI's batch statuses. */
const STATUSES: Readonly<Record<string, string>> = {
  Submitted: 'validating',
  Validating: 'validating',
  Scheduled: 'in_progress',
  InProgress: 'in_progress',
  Completed: 'completed',
  PartiallyCompleted: 'completed',
  Failed: 'failed',
  Stopping: 'cancelling',
  Stopped: 'cancelled',
  Expired: 'expired',
};

const CHAT_ENDPOINT = '/v1/chat/completions';
/** Bedrock's bounds on `timeoutDurationInHours`. */
const MIN_HOURS = 24;
const MAX_HOURS = 168;

// AWS's JSON protocols write timestamps as ISO text or epoch seconds, by the shape's format.
const timestamp = z.union([z.string(), z.number()]).nullish();
const createdSchema = z.looseObject({ jobArn: z.string() });
const jobSchema = z.looseObject({
  jobArn: z.string(),
  status: z.string(),
  message: z.string().nullish(),
  submitTime: timestamp,
  lastModifiedTime: timestamp,
  endTime: timestamp,
  jobExpirationTime: timestamp,
  inputDataConfig: z.looseObject({ s3InputDataConfig: z.looseObject({ s3Uri: z.string() }) }),
  outputDataConfig: z.looseObject({ s3OutputDataConfig: z.looseObject({ s3Uri: z.string() }) }),
  totalRecordCount: z.number().nullish(),
  successRecordCount: z.number().nullish(),
  errorRecordCount: z.number().nullish(),
  timeoutDurationInHours: z.number().nullish(),
});
type Job = z.output<typeof jobSchema>;

export interface NewJob {
  request: CreateBatchRequest;
  modelId: string;
  roleArn: string;
  outputUri: string;
  encryptionKeyId: string | undefined;
}

export async function createBedrockBatchJob(job: NewJob, context: ProviderCallContext): Promise<BatchObject> {
  const { request } = job;
  if (request.endpoint !== CHAT_ENDPOINT) {
    throw new BadRequestError(`Bedrock batch inference through llmux runs ${CHAT_ENDPOINT} batches, not ${request.endpoint}`, { provider: context.provider, param: 'endpoint' });
  }
  const body = {
    jobName: `llmux-${randomBytes(8).toString('hex')}`,
    roleArn: job.roleArn,
    modelId: job.modelId,
    inputDataConfig: { s3InputDataConfig: { s3Uri: request.input_file_id, s3InputFormat: 'JSONL' } },
    outputDataConfig: { s3OutputDataConfig: { s3Uri: job.outputUri, ...(job.encryptionKeyId === undefined ? {} : { s3EncryptionKeyId: job.encryptionKeyId }) } },
    timeoutDurationInHours: timeoutHours(request.completion_window, context),
  };
  const call = await sendAwsRequest(BEDROCK_CONTROL_PLANE, { path: '/model-invocation-job', body: JSON.stringify(body) }, context);
  const created = await parseAwsBody(call, createdSchema, context, 'a created batch inference job');
  const now = nowSeconds();
  // Bedrock answers the ARN only; the job starts Submitted, which is OpenAI's validating.
  return {
    ...emptyBatch(created.jobArn, request.input_file_id, now),
    completion_window: request.completion_window,
    expires_at: now + body.timeoutDurationInHours * 3600,
    metadata: request.metadata ?? null,
  };
}

export async function getBedrockBatchJob(jobArn: string, context: ProviderCallContext): Promise<BatchObject> {
  const call = await sendAwsRequest(BEDROCK_CONTROL_PLANE, { path: jobPath(jobArn), method: 'GET', body: undefined }, context);
  return toBatch(await parseAwsBody(call, jobSchema, context, 'a batch inference job'));
}

export async function stopBedrockBatchJob(jobArn: string, context: ProviderCallContext): Promise<void> {
  const call = await sendAwsRequest(BEDROCK_CONTROL_PLANE, { path: `${jobPath(jobArn)}/stop`, body: undefined }, context);
  await call.response.body.dump();
}

function jobPath(jobArn: string): string {
  return `/model-invocation-job/${encodeURIComponent(jobArn)}`;
}

function timeoutHours(window: string, context: ProviderCallContext): number {
  const hours = /^(\d+)h$/.exec(window)?.[1];
  const value = hours === undefined ? Number.NaN : Number(hours);
  if (value >= MIN_HOURS && value <= MAX_HOURS) return value;
  throw new BadRequestError(`Bedrock batch inference takes a completion_window of ${MIN_HOURS}h to ${MAX_HOURS}h, not "${window}"`, {
    provider: context.provider,
    param: 'completion_window',
  });
}

function emptyBatch(id: string, inputFileId: string, created: number): BatchObject {
  return {
    id,
    object: 'batch',
    endpoint: CHAT_ENDPOINT,
    errors: null,
    input_file_id: inputFileId,
    completion_window: '24h',
    status: 'validating',
    output_file_id: null,
    error_file_id: null,
    created_at: created,
    in_progress_at: null,
    expires_at: null,
    finalizing_at: null,
    completed_at: null,
    failed_at: null,
    expired_at: null,
    cancelling_at: null,
    cancelled_at: null,
    request_counts: { total: 0, completed: 0, failed: 0 },
    metadata: null,
  };
}

function toBatch(job: Job): BatchObject {
  const input = job.inputDataConfig.s3InputDataConfig.s3Uri;
  const status = STATUSES[job.status] ?? 'in_progress';
  const ended = seconds(job.endTime) ?? seconds(job.lastModifiedTime);
  const batch = emptyBatch(job.jobArn, input, seconds(job.submitTime) ?? nowSeconds());
  batch.status = status;
  if (typeof job.timeoutDurationInHours === 'number') batch['completion_window'] = `${job.timeoutDurationInHours}h`;
  batch['expires_at'] = seconds(job.jobExpirationTime);
  if (status === 'in_progress') batch['in_progress_at'] = seconds(job.lastModifiedTime);
  if (status === 'completed') {
    batch['completed_at'] = ended;
    batch['output_file_id'] = outputFileUri(job);
  }
  if (status === 'failed') {
    batch['failed_at'] = ended;
    batch['errors'] = { object: 'list', data: [{ code: 'bedrock_job_failed', message: job.message ?? 'the batch inference job failed', param: null, line: null }] };
  }
  if (status === 'cancelling') batch['cancelling_at'] = seconds(job.lastModifiedTime);
  if (status === 'cancelled') batch['cancelled_at'] = ended;
  if (status === 'expired') batch['expired_at'] = ended;
  const failed = job.errorRecordCount ?? 0;
  const total = job.totalRecordCount ?? 0;
  batch['request_counts'] = { total, completed: job.successRecordCount ?? Math.max(0, (job.totalRecordCount ?? 0) - failed), failed };
  // Bedrock's own words on the job, kept beside OpenAI's fields.
  batch['bedrock'] = { status: job.status, message: job.message ?? null };
  return batch;
}

/** Where Bedrock writes a job's output: `<output prefix>/<job id>/<input file name>.out`. */
function outputFileUri(job: Job): string {
  const prefix = job.outputDataConfig.s3OutputDataConfig.s3Uri;
  const jobId = job.jobArn.slice(job.jobArn.lastIndexOf('/') + 1);
  const input = job.inputDataConfig.s3InputDataConfig.s3Uri;
  const name = input.slice(input.lastIndexOf('/') + 1);
  return `${prefix.endsWith('/') ? prefix : `${prefix}/`}${jobId}/${name}.out`;
}

function seconds(time: string | number | null | undefined): number | null {
  if (time === undefined || time === null) return null;
  if (typeof time === 'number') return Math.floor(time);
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}
