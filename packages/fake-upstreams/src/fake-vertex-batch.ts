// Vertex AI's batch prediction job service as a fake: create, get and `:cancel` of
// `projects/<p>/locations/<l>/batchPredictionJobs` (under v1 and v1beta1), each call with a bearer token from
// `tokens`. A job "runs" over get calls: JOB_STATE_PENDING → JOB_STATE_RUNNING →
// JOB_STATE_SUCCEEDED (or PARTIALLY_SUCCEEDED), at which point it reads its `{"request": …}`
// lines from the fake GCS and writes `<outputUriPrefix>prediction-model-<time>/predictions.jsonl`,
// one line a request: the request echoed, and a Gemini `response` counting the prompt's
// words, or a `status` error for a request whose prompt holds FAKE_BATCH_FAIL_MARKER. Lines
// are written in reverse order, as Vertex does not promise the input's. Cancel moves a
// job to JOB_STATE_CANCELLING, which the next get reports, and the one after JOB_STATE_CANCELLED.

import type { ServerResponse } from 'node:http';
import { randomInt } from 'node:crypto';
import { googleErrorBody, unauthenticatedBody } from './fake-google-error.js';
import { FAKE_BATCH_FAIL_MARKER } from './fake-bedrock-batch.js';
import type { FakeGcsServer } from './fake-gcs.js';
import { FAKE_BATCH_COMPLETION_TOKENS } from './fake-openai-batches.js';
import { isRecord } from './is-record.js';
import { sendJson, startFakeServer, type FakeServer, type RecordedRequest } from './start-fake-server.js';

export interface FakeVertexBatchOptions {
  /** Access tokens accepted; read at each request, so a live list may grow. */
  tokens: readonly string[];
  project: string;
  /** Where jobs read their input and write their output. */
  gcs: FakeGcsServer;
}

export interface FakeVertexBatchJob {
  name: string;
  displayName: string;
  model: string;
  state: string;
  inputUris: string[];
  outputUriPrefix: string;
  createTime: string;
  updateTime: string;
  startTime?: string;
  endTime?: string;
  outputDirectory?: string;
  stats?: { successful: number; failed: number };
  /** A get has reported it JOB_STATE_CANCELLING. */
  cancelSeen?: boolean;
  /** The create request's body as received. */
  request: Record<string, unknown>;
}

export interface FakeVertexBatchServer extends FakeServer {
  jobs: Map<string, FakeVertexBatchJob>;
}

const ROUTE = /^\/(?:v1|v1beta1)\/projects\/([^/]+)\/locations\/([^/]+)\/batchPredictionJobs(?:\/([^/:]+))?(:cancel)?$/;
const MODEL = /^(?:projects\/[^/]+\/locations\/[^/]+\/)?publishers\/google\/models\/[^/]+$/;
const CANCELLABLE = new Set(['JOB_STATE_QUEUED', 'JOB_STATE_PENDING', 'JOB_STATE_RUNNING']);

export async function startFakeVertexBatch(options: FakeVertexBatchOptions): Promise<FakeVertexBatchServer> {
  const jobs = new Map<string, FakeVertexBatchJob>();
  const now = (): string => new Date().toISOString();

  const run = (job: FakeVertexBatchJob): void => {
    const lines = job.inputUris.flatMap((uri) => (options.gcs.objects.get(gcsName(uri))?.data.toString('utf8') ?? '').split('\n').filter((line) => line.trim() !== ''));
    const outputs = lines.map((line) => answerLine(line, job.model));
    const directory = `${job.outputUriPrefix.replace(/\/?$/, '/')}prediction-model-${now()}`;
    options.gcs.objects.set(`${gcsName(directory)}/predictions.jsonl`, {
      data: Buffer.from(
        outputs
          .reverse()
          .map((line) => JSON.stringify(line))
          .join('\n') + '\n',
      ),
      contentType: 'application/jsonl',
      updated: now(),
    });
    const failed = outputs.filter((line) => line['response'] === undefined).length;
    job.stats = { successful: outputs.length - failed, failed };
    Object.assign(job, { state: failed === 0 ? 'JOB_STATE_SUCCEEDED' : 'JOB_STATE_PARTIALLY_SUCCEEDED', outputDirectory: directory, endTime: now(), updateTime: now() });
  };

  const advance = (job: FakeVertexBatchJob): void => {
    if (job.state === 'JOB_STATE_PENDING') Object.assign(job, { state: 'JOB_STATE_RUNNING', startTime: now(), updateTime: now() });
    else if (job.state === 'JOB_STATE_RUNNING') run(job);
    else if (job.state === 'JOB_STATE_CANCELLING' && job.cancelSeen === true) Object.assign(job, { state: 'JOB_STATE_CANCELLED', endTime: now(), updateTime: now() });
    else if (job.state === 'JOB_STATE_CANCELLING') job.cancelSeen = true;
  };

  const handle = (request: RecordedRequest, response: ServerResponse): void => {
    const path = request.url.split('?', 1)[0] ?? '/';
    const route = ROUTE.exec(path);
    if (route === null) return sendJson(response, 404, googleErrorBody(404, 'NOT_FOUND', `The requested URL ${path} was not found on this server.`));
    const authorization = request.headers.authorization ?? '';
    if (!authorization.startsWith('Bearer ') || !options.tokens.includes(authorization.slice('Bearer '.length))) return sendJson(response, 401, unauthenticatedBody());
    const [, project = '', location = '', id, cancel] = route;
    if (project !== options.project) {
      return sendJson(
        response,
        403,
        googleErrorBody(403, 'PERMISSION_DENIED', `Permission 'aiplatform.batchPredictionJobs.create' denied on resource '//aiplatform.googleapis.com/projects/${project}'.`),
      );
    }
    if (id === undefined) {
      if (request.method !== 'POST') return sendJson(response, 405, googleErrorBody(405, 'METHOD_NOT_ALLOWED', 'method not allowed'));
      return create(request, `projects/${project}/locations/${location}`, response);
    }
    const job = jobs.get(`projects/${project}/locations/${location}/batchPredictionJobs/${id}`);
    if (job === undefined) return sendJson(response, 404, googleErrorBody(404, 'NOT_FOUND', `The BatchPredictionJob does not exist.`));
    if (cancel !== undefined && request.method === 'POST') {
      if (!CANCELLABLE.has(job.state)) return sendJson(response, 400, googleErrorBody(400, 'FAILED_PRECONDITION', `The job cannot be cancelled in state ${job.state}.`));
      Object.assign(job, { state: 'JOB_STATE_CANCELLING', updateTime: now() });
      return sendJson(response, 200, {});
    }
    if (cancel === undefined && request.method === 'GET') {
      advance(job);
      return sendJson(response, 200, describe(job));
    }
    sendJson(response, 405, googleErrorBody(405, 'METHOD_NOT_ALLOWED', 'method not allowed'));
  };

  const create = (request: RecordedRequest, parent: string, response: ServerResponse): void => {
    const invalid = (message: string): void => sendJson(response, 400, googleErrorBody(400, 'INVALID_ARGUMENT', message));
    const body = isRecord(request.json) ? request.json : {};
    const input = isRecord(body['inputConfig']) ? body['inputConfig'] : {};
    const output = isRecord(body['outputConfig']) ? body['outputConfig'] : {};
    const uris = isRecord(input['gcsSource']) ? input['gcsSource']['uris'] : undefined;
    const prefix = isRecord(output['gcsDestination']) ? output['gcsDestination']['outputUriPrefix'] : undefined;
    if (typeof body['displayName'] !== 'string' || body['displayName'] === '') return invalid('display_name is required.');
    if (typeof body['model'] !== 'string' || !MODEL.test(body['model'])) return invalid(`Invalid model: ${String(body['model'])}`);
    if (input['instancesFormat'] !== 'jsonl') return invalid('inputConfig.instancesFormat must be jsonl for Gemini batch prediction.');
    if (output['predictionsFormat'] !== 'jsonl') return invalid('outputConfig.predictionsFormat must be jsonl for Gemini batch prediction.');
    if (!Array.isArray(uris) || uris.length === 0 || !uris.every((uri) => typeof uri === 'string' && uri.startsWith('gs://')))
      return invalid('inputConfig.gcsSource.uris is required.');
    const missing = (uris as string[]).find((uri) => !options.gcs.objects.has(gcsName(uri)));
    if (missing !== undefined) return invalid(`Input file ${missing} does not exist.`);
    if (typeof prefix !== 'string' || !prefix.startsWith('gs://')) return invalid('outputConfig.gcsDestination.outputUriPrefix is required.');
    const name = `${parent}/batchPredictionJobs/${randomInt(1e9, 9e9)}${randomInt(1e9, 9e9)}`;
    const time = now();
    const job: FakeVertexBatchJob = {
      name,
      displayName: body['displayName'],
      model: body['model'],
      state: 'JOB_STATE_PENDING',
      inputUris: uris as string[],
      outputUriPrefix: prefix,
      createTime: time,
      updateTime: time,
      request: body,
    };
    jobs.set(name, job);
    sendJson(response, 200, describe(job));
  };

  const server = await startFakeServer(handle);
  return { ...server, jobs };
}

function describe(job: FakeVertexBatchJob): Record<string, unknown> {
  return {
    name: job.name,
    displayName: job.displayName,
    model: job.model,
    inputConfig: { instancesFormat: 'jsonl', gcsSource: { uris: job.inputUris } },
    outputConfig: { predictionsFormat: 'jsonl', gcsDestination: { outputUriPrefix: job.outputUriPrefix } },
    state: job.state,
    createTime: job.createTime,
    updateTime: job.updateTime,
    ...(job.startTime === undefined ? {} : { startTime: job.startTime }),
    ...(job.endTime === undefined ? {} : { endTime: job.endTime }),
    ...(job.outputDirectory === undefined ? {} : { outputInfo: { gcsOutputDirectory: job.outputDirectory } }),
    ...(job.stats === undefined ? {} : { completionStats: { successfulCount: String(job.stats.successful), failedCount: String(job.stats.failed), incompleteCount: '0' } }),
  };
}

/** One prediction line: the request echoed, with a Gemini reply or an error status. */
function answerLine(line: string, model: string): Record<string, unknown> {
  const processed = new Date().toISOString();
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { status: 'Bad Request: the line is not JSON.', processed_time: processed, request: line };
  }
  const request = isRecord(parsed) ? parsed['request'] : undefined;
  if (!isRecord(request) || !Array.isArray(request['contents']) || request['contents'].length === 0) {
    return { status: 'Bad Request: request.contents is required.', processed_time: processed, request: request ?? parsed };
  }
  const prompt = request['contents']
    .flatMap((content: unknown) => (isRecord(content) && Array.isArray(content['parts']) ? content['parts'] : []))
    .map((part: unknown) => (isRecord(part) && typeof part['text'] === 'string' ? part['text'] : ''))
    .join(' ');
  if (prompt.includes(FAKE_BATCH_FAIL_MARKER)) {
    return {
      status: 'Bad Request: {"error": {"code": 400, "message": "The model could not process this request.", "status": "INVALID_ARGUMENT"}}',
      processed_time: processed,
      request,
    };
  }
  const promptTokens = prompt.split(/\s+/).filter((word) => word !== '').length;
  return {
    status: '',
    processed_time: processed,
    request,
    response: {
      candidates: [{ content: { role: 'model', parts: [{ text: `Batch answer to: ${prompt}` }] }, finishReason: 'STOP' }],
      usageMetadata: { promptTokenCount: promptTokens, candidatesTokenCount: FAKE_BATCH_COMPLETION_TOKENS, totalTokenCount: promptTokens + FAKE_BATCH_COMPLETION_TOKENS },
      modelVersion: model.slice(model.lastIndexOf('/') + 1),
      createTime: processed,
      responseId: `fakeBatchResp${randomInt(1e6, 9e6)}`,
    },
  };
}

/** `gs://bucket/name` → the fake GCS's `bucket/name`. */
function gcsName(uri: string): string {
  return uri.replace(/^gs:\/\//, '');
}
