// Vertex AI's batch prediction jobs (`batchPredictionJobs` under the project and location):
// create, get and `:cancel`, and the job as OpenAI's Batch object: the job's resource name
// is the batch id, its states mapped to OpenAI's, the output file the directory Vertex
// reports in `outputInfo.gcsOutputDirectory`.

import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { BadRequestError } from '../../errors/error-classes.js';
import { createGeminiUpstreamError } from '../gemini/gemini-error.js';
import { readGeminiJson, type GeminiEndpoint } from '../gemini/send-gemini-request.js';
import type { BatchObject, CreateBatchRequest } from '../batch-support.js';
import { nowSeconds } from '../now-seconds.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { sendProviderRequest } from '../send-provider-request.js';
import { vertexBase } from './resolve-vertex-endpoint.js';
import type { VertexSettings } from './resolve-vertex-settings.js';

/** Vertex's job states → OpenAI's batch statuses. */
const STATES: Readonly<Record<string, string>> = {
  JOB_STATE_UNSPECIFIED: 'validating',
  JOB_STATE_QUEUED: 'validating',
  JOB_STATE_PENDING: 'validating',
  JOB_STATE_RUNNING: 'in_progress',
  JOB_STATE_PAUSED: 'in_progress',
  JOB_STATE_UPDATING: 'in_progress',
  JOB_STATE_SUCCEEDED: 'completed',
  JOB_STATE_PARTIALLY_SUCCEEDED: 'completed',
  JOB_STATE_FAILED: 'failed',
  JOB_STATE_CANCELLING: 'cancelling',
  JOB_STATE_CANCELLED: 'cancelled',
  JOB_STATE_EXPIRED: 'expired',
};

const CHAT_ENDPOINT = '/v1/chat/completions';
/** Vertex takes no completion window; OpenAI's only one is accepted, and Vertex's own schedule applies. */
const COMPLETION_WINDOW = '24h';
const JOB_NAME = /^projects\/[^/]+\/locations\/[^/]+\/batchPredictionJobs\/[^/:]+$/;

// int64 counts come as JSON strings (proto3 JSON), timestamps as RFC 3339 text.
const count = z.union([z.string(), z.number()]).nullish();
const jobSchema = z.looseObject({
  name: z.string(),
  state: z.string(),
  createTime: z.string().nullish(),
  startTime: z.string().nullish(),
  endTime: z.string().nullish(),
  updateTime: z.string().nullish(),
  inputConfig: z.looseObject({ gcsSource: z.looseObject({ uris: z.array(z.string()) }).nullish() }).nullish(),
  outputInfo: z.looseObject({ gcsOutputDirectory: z.string().nullish() }).nullish(),
  error: z.looseObject({ code: z.number().nullish(), message: z.string().nullish() }).nullish(),
  completionStats: z.looseObject({ successfulCount: count, failedCount: count, incompleteCount: count }).nullish(),
});
type Job = z.output<typeof jobSchema>;

export interface NewVertexJob {
  request: CreateBatchRequest;
  model: string;
  outputUriPrefix: string;
}

export async function createVertexBatchJob(job: NewVertexJob, settings: VertexSettings, endpoint: GeminiEndpoint, context: ProviderCallContext): Promise<BatchObject> {
  const { request } = job;
  if (request.endpoint !== CHAT_ENDPOINT) {
    throw new BadRequestError(`Vertex AI batch prediction through llmux runs ${CHAT_ENDPOINT} batches, not ${request.endpoint}`, { provider: context.provider, param: 'endpoint' });
  }
  if (request.completion_window !== COMPLETION_WINDOW) {
    throw new BadRequestError(`Vertex AI batch prediction takes no completion window; llmux accepts "${COMPLETION_WINDOW}" only, not "${request.completion_window}"`, {
      provider: context.provider,
      param: 'completion_window',
    });
  }
  const body = {
    displayName: `llmux-${randomBytes(8).toString('hex')}`,
    model: `publishers/google/models/${job.model}`,
    inputConfig: { instancesFormat: 'jsonl', gcsSource: { uris: [request.input_file_id] } },
    outputConfig: { predictionsFormat: 'jsonl', gcsDestination: { outputUriPrefix: job.outputUriPrefix } },
  };
  const url = `${vertexBase(context, settings.location)}/projects/${settings.project}/locations/${settings.location}/batchPredictionJobs`;
  const created = await call('POST', url, JSON.stringify(body), endpoint, context, 'a created batch prediction job');
  const batch = toBatch(created);
  batch['metadata'] = request.metadata ?? null;
  return batch;
}

export async function getVertexBatchJob(name: string, settings: VertexSettings, endpoint: GeminiEndpoint, context: ProviderCallContext): Promise<BatchObject> {
  return toBatch(await call('GET', jobUrl(name, settings, context), undefined, endpoint, context, 'a batch prediction job'));
}

export async function cancelVertexBatchJob(name: string, settings: VertexSettings, endpoint: GeminiEndpoint, context: ProviderCallContext): Promise<void> {
  const sent = await sendProviderRequest(
    context,
    'POST',
    `${jobUrl(name, settings, context)}:cancel`,
    headers(endpoint, context),
    '{}',
    createGeminiUpstreamError,
    endpoint.secrets,
  );
  await sent.response.body.dump();
}

function jobUrl(name: string, settings: VertexSettings, context: ProviderCallContext): string {
  if (!JOB_NAME.test(name)) throw new BadRequestError(`"${name}" is not a Vertex AI batch prediction job`, { provider: context.provider, param: 'batch_id' });
  return `${vertexBase(context, settings.location)}/${name}`;
}

function headers(endpoint: GeminiEndpoint, context: ProviderCallContext): Record<string, string> {
  return { 'content-type': 'application/json', ...context.extraHeaders, ...endpoint.authHeaders };
}

async function call(method: 'GET' | 'POST', url: string, body: string | undefined, endpoint: GeminiEndpoint, context: ProviderCallContext, what: string): Promise<Job> {
  const sent = await sendProviderRequest(context, method, url, headers(endpoint, context), body, createGeminiUpstreamError, endpoint.secrets);
  return readGeminiJson(sent.response, jobSchema, endpoint, context, what);
}

function toBatch(job: Job): BatchObject {
  const status = STATES[job.state] ?? 'in_progress';
  const ended = seconds(job.endTime) ?? seconds(job.updateTime);
  const batch: BatchObject = {
    id: job.name,
    object: 'batch',
    endpoint: CHAT_ENDPOINT,
    errors: null,
    input_file_id: job.inputConfig?.gcsSource?.uris[0] ?? null,
    completion_window: COMPLETION_WINDOW,
    status,
    output_file_id: null,
    error_file_id: null,
    created_at: seconds(job.createTime) ?? nowSeconds(),
    in_progress_at: seconds(job.startTime),
    expires_at: null,
    finalizing_at: null,
    completed_at: status === 'completed' ? ended : null,
    failed_at: status === 'failed' ? ended : null,
    expired_at: status === 'expired' ? ended : null,
    cancelling_at: status === 'cancelling' ? seconds(job.updateTime) : null,
    cancelled_at: status === 'cancelled' ? ended : null,
    request_counts: requestCounts(job),
    metadata: null,
    // Vertex's own words on the job, kept beside OpenAI's fields.
    vertex_ai: { state: job.state, error: job.error?.message ?? null },
  };
  if (status === 'completed') batch['output_file_id'] = job.outputInfo?.gcsOutputDirectory ?? null;
  if (status === 'failed') {
    batch['errors'] = { object: 'list', data: [{ code: 'vertex_job_failed', message: job.error?.message ?? 'the batch prediction job failed', param: null, line: null }] };
  }
  return batch;
}

function requestCounts(job: Job): { total: number; completed: number; failed: number } {
  const completed = Number(job.completionStats?.successfulCount ?? 0);
  const failed = Number(job.completionStats?.failedCount ?? 0);
  const incomplete = Number(job.completionStats?.incompleteCount ?? 0);
  return { total: completed + failed + incomplete, completed, failed };
}

function seconds(time: string | null | undefined): number | null {
  if (time === undefined || time === null) return null;
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}
