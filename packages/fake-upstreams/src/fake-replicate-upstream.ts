// A fake Replicate API on 127.0.0.1:0: `POST /v1/models/{owner}/{name}/predictions` and
// `POST /v1/predictions` (with a version) create a prediction from `input.prompt`; with
// `Prefer: wait` a quick one is answered finished, otherwise it is `starting` and finishes
// after `pollsToFinish` reads of `GET /v1/predictions/{id}`. `stream: true` gives it a
// `urls.stream` that serves `output` events, then `done` (or `error`). Refusals are problem
// details (`{"title","detail","status"}`), as Replicate sends them.

import type { ServerResponse } from 'node:http';
import type { FakeChatReply } from './fake-chat-reply.js';
import { isRecord } from './is-record.js';
import { sendJson, sendSse, startFakeServer, type FakeServer, type RecordedRequest } from './start-fake-server.js';

export interface FakeReplicateOptions {
  apiToken: string;
  /** Reads of the prediction before it succeeds when the create did not wait (default 2). */
  pollsToFinish?: number;
  /** False: predictions outlast `Prefer: wait`, so the create answers them still starting. */
  finishesWithinWait?: boolean;
  /** The model's answer; `error` answers that HTTP error to the create. */
  reply?: (request: RecordedRequest) => FakeChatReply;
  /** When it returns text, the prediction fails with it as its error. */
  failure?: (request: RecordedRequest) => string | undefined;
}

interface StoredPrediction {
  id: string;
  model: string;
  version: string;
  input: Record<string, unknown>;
  output: string[];
  error: string | undefined;
  reads: number;
  stream: boolean;
}

const MODEL_ROUTE = /^\/v1\/models\/([^/]+)\/([^/]+)\/predictions$/;
const GET_ROUTE = /^\/v1\/predictions\/([^/]+)$/;
const STREAM_ROUTE = /^\/v1\/stream\/([^/]+)$/;

function problem(response: ServerResponse, status: number, title: string, detail: string): void {
  sendJson(response, status, { title, detail, status });
}

export function startFakeReplicateUpstream(options: FakeReplicateOptions): Promise<FakeServer> {
  const predictions = new Map<string, StoredPrediction>();
  let url = '';
  const view = (prediction: StoredPrediction): Record<string, unknown> => {
    const finished = prediction.reads >= (options.pollsToFinish ?? 2);
    const status = !finished ? (prediction.reads === 0 ? 'starting' : 'processing') : prediction.error === undefined ? 'succeeded' : 'failed';
    const words = prediction.output.join('').split(/\s+/).filter(Boolean).length;
    return {
      id: prediction.id,
      model: prediction.model,
      version: prediction.version,
      input: prediction.input,
      logs: '',
      output: status === 'succeeded' ? prediction.output : null,
      data_removed: false,
      error: status === 'failed' ? prediction.error : null,
      status,
      created_at: new Date().toISOString(),
      urls: {
        cancel: `${url}/v1/predictions/${prediction.id}/cancel`,
        get: `${url}/v1/predictions/${prediction.id}`,
        web: `https://replicate.com/p/${prediction.id}`,
        ...(prediction.stream ? { stream: `${url}/v1/stream/${prediction.id}` } : {}),
      },
      ...(status === 'succeeded' ? { metrics: { input_token_count: 10, output_token_count: words, predict_time: 0.1 } } : {}),
    };
  };
  return startFakeServer(async (request, response) => {
    const path = new URL(request.url, 'http://fake').pathname;
    // The address its `urls` point at, as the client reached it.
    url ||= `http://${request.headers.host ?? ''}`;
    // A stream URL is its own credential (stream.replicate.com): the official client fetches it without the token.
    const streamRoute = STREAM_ROUTE.exec(path);
    if (request.method === 'GET' && streamRoute !== null) return streamPrediction(response, predictions.get(streamRoute[1] ?? ''), request);
    if (request.headers.authorization !== `Bearer ${options.apiToken}`) return problem(response, 401, 'Unauthenticated', 'You did not pass a valid authentication token');
    const getRoute = GET_ROUTE.exec(path);
    if (request.method === 'GET' && getRoute !== null) {
      const prediction = predictions.get(getRoute[1] ?? '');
      if (prediction === undefined) return problem(response, 404, 'Not found', 'The requested resource could not be found.');
      prediction.reads += 1;
      return sendJson(response, 200, view(prediction));
    }
    const modelRoute = MODEL_ROUTE.exec(path);
    if (request.method !== 'POST' || (modelRoute === null && path !== '/v1/predictions')) return problem(response, 404, 'Not found', 'The requested resource could not be found.');
    const body = request.json;
    if (!isRecord(body) || !isRecord(body['input'])) return problem(response, 422, 'Input validation failed', '- input: input is required');
    if (typeof body['input']['prompt'] !== 'string') return problem(response, 422, 'Input validation failed', '- input: prompt is required');
    if (modelRoute === null && typeof body['version'] !== 'string') return problem(response, 422, 'Invalid version', 'version is required');
    const reply = options.reply?.(request) ?? { content: `Hello from ${modelRoute === null ? String(body['version']) : `${modelRoute[1]}/${modelRoute[2]}`}` };
    if (reply.error !== undefined) return sendJson(response, reply.error.status, reply.error.body, reply.error.headers);
    const id = `fakepred${String(predictions.size + 1).padStart(6, '0')}`;
    const prediction: StoredPrediction = {
      id,
      model: modelRoute === null ? 'owner/versioned' : `${modelRoute[1]}/${modelRoute[2]}`,
      version: typeof body['version'] === 'string' ? body['version'] : 'latest-version-hash',
      input: body['input'],
      output: (reply.content ?? '').match(/\s*\S+/g) ?? [],
      error: options.failure?.(request),
      // `Prefer: wait` blocks until a quick prediction is done.
      reads: request.headers['prefer'] === 'wait' && options.finishesWithinWait !== false ? (options.pollsToFinish ?? 2) : 0,
      stream: body['stream'] === true,
    };
    predictions.set(id, prediction);
    return sendJson(response, 201, view(prediction));
  });
}

function streamPrediction(response: ServerResponse, prediction: StoredPrediction | undefined, request: RecordedRequest): Promise<void> | void {
  if (prediction === undefined) return problem(response, 404, 'Not found', 'The requested resource could not be found.');
  if (request.headers.accept !== 'text/event-stream') return problem(response, 406, 'Not acceptable', 'Accept: text/event-stream is required');
  const events = prediction.output.map((piece, index) => `event: output\nid: ${index + 1}\ndata: ${piece.split('\n').join('\ndata: ')}\n\n`);
  if (prediction.error !== undefined) events.push(`event: error\ndata: ${JSON.stringify({ detail: prediction.error })}\n\n`);
  else events.push('event: done\ndata: {}\n\n');
  return sendSse(response, events);
}
