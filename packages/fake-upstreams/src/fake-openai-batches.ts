// OpenAI's Files and Batch APIs as a fake: uploads kept in memory (multipart `file` and
// `purpose`), batches that move validating → in_progress → completed over two retrieves and
// then hold an output file of chat completions, one line per input line (`custom_id` kept,
// usage counted from the words). Cancel moves a batch to cancelling, then cancelled. Paths
// answer with and without `/v1`, and under Azure's `/openai` (with its `api-version` query).

import type { ServerResponse } from 'node:http';
import { readFakeForm } from './fake-read-form.js';
import { startFakeServer, type FakeServer, type RecordedRequest } from './start-fake-server.js';

export interface FakeStoredFile {
  id: string;
  filename: string;
  purpose: string;
  bytes: Buffer;
  created_at: number;
}

export interface FakeBatchesServer extends FakeServer {
  /** Uploaded and produced files, by id (tests read the JSONL the gateway sent). */
  files: Map<string, FakeStoredFile>;
  batches: Map<string, Record<string, unknown>>;
}

/** Tokens the fake bills per completion line: prompt words, and this many completion tokens. */
export const FAKE_BATCH_COMPLETION_TOKENS = 5;

export interface FakeBatchesOptions {
  /** When set, calls must carry one as `Authorization: Bearer` (OpenAI) or `api-key` (Azure), else 401. */
  apiKeys?: readonly string[];
}

export async function startFakeOpenAIBatches(options: FakeBatchesOptions = {}): Promise<FakeBatchesServer> {
  const files = new Map<string, FakeStoredFile>();
  const batches = new Map<string, Record<string, unknown>>();
  let serial = 0;
  const nextId = (prefix: string): string => `${prefix}${(serial += 1).toString().padStart(6, '0')}`;
  const now = (): number => Math.floor(Date.now() / 1000);

  const fileObject = (file: FakeStoredFile): Record<string, unknown> => ({
    id: file.id,
    object: 'file',
    bytes: file.bytes.length,
    created_at: file.created_at,
    filename: file.filename,
    purpose: file.purpose,
    status: 'processed',
    expires_at: null,
    status_details: null,
  });

  const complete = (batch: Record<string, unknown>): void => {
    const input = files.get(batch['input_file_id'] as string);
    const lines = (input?.bytes.toString('utf8') ?? '').split('\n').filter((line) => line.trim() !== '');
    const output = lines.map((line) => JSON.stringify(answerLine(JSON.parse(line) as Record<string, unknown>, nextId('batch_req_'))));
    const outputFile: FakeStoredFile = {
      id: nextId('file-out'),
      filename: 'batch_output.jsonl',
      purpose: 'batch_output',
      bytes: Buffer.from(output.join('\n') + '\n'),
      created_at: now(),
    };
    files.set(outputFile.id, outputFile);
    Object.assign(batch, {
      status: 'completed',
      output_file_id: outputFile.id,
      finalizing_at: now(),
      completed_at: now(),
      request_counts: { total: lines.length, completed: lines.length, failed: 0 },
    });
  };

  const advance = (batch: Record<string, unknown>): void => {
    const status = batch['status'];
    if (status === 'validating') Object.assign(batch, { status: 'in_progress', in_progress_at: now() });
    else if (status === 'in_progress') complete(batch);
    else if (status === 'cancelling') Object.assign(batch, { status: 'cancelled', cancelled_at: now() });
  };

  const handle = async (request: RecordedRequest, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url, 'http://fake');
    const keys = options.apiKeys;
    if (keys !== undefined && !keys.some((key) => request.headers.authorization === `Bearer ${key}` || request.headers['api-key'] === key)) {
      return sendJson(response, 401, { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } });
    }
    const path = url.pathname.replace(/^\/openai/, '').replace(/^\/v1/, '');
    const segments = path.split('/').filter((segment) => segment !== '');
    const [collection, id, action] = segments;
    if (collection === 'files') {
      if (request.method === 'POST' && id === undefined) {
        const form = await readFakeForm(request);
        const upload = form?.files['file']?.[0];
        const purpose = form?.fields['purpose'];
        if (upload === undefined || purpose === undefined) return sendError(response, 400, "Missing required parameter: 'file' and 'purpose'.", 'file');
        const file: FakeStoredFile = { id: nextId('file-'), filename: upload.name, purpose, bytes: upload.bytes, created_at: now() };
        files.set(file.id, file);
        return sendJson(response, 200, fileObject(file));
      }
      if (request.method === 'GET' && id === undefined) return sendJson(response, 200, listOf([...files.values()].map(fileObject)));
      const file = id === undefined ? undefined : files.get(id);
      if (file === undefined) return sendError(response, 404, `No such File object: ${id ?? ''}`, 'id');
      if (request.method === 'GET' && action === 'content') {
        response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.bytes.length });
        response.end(file.bytes);
        return;
      }
      if (request.method === 'GET' && action === undefined) return sendJson(response, 200, fileObject(file));
      if (request.method === 'DELETE' && action === undefined) {
        files.delete(file.id);
        return sendJson(response, 200, { id: file.id, object: 'file', deleted: true });
      }
    }
    if (collection === 'batches') {
      if (request.method === 'POST' && id === undefined) {
        const body = (request.json ?? {}) as Record<string, unknown>;
        const inputId = body['input_file_id'];
        if (typeof inputId !== 'string' || !files.has(inputId)) return sendError(response, 400, `Invalid 'input_file_id': ${String(inputId)}.`, 'input_file_id');
        if (body['endpoint'] !== '/v1/chat/completions' && body['endpoint'] !== '/v1/embeddings' && body['endpoint'] !== '/v1/responses')
          return sendError(response, 400, "Invalid 'endpoint'.", 'endpoint');
        const batch = newBatch(nextId('batch_'), body, now());
        batches.set(batch['id'] as string, batch);
        return sendJson(response, 200, batch);
      }
      if (request.method === 'GET' && id === undefined) return sendJson(response, 200, listOf([...batches.values()].reverse()));
      const batch = id === undefined ? undefined : batches.get(id);
      if (batch === undefined) return sendError(response, 404, `No batch found with id '${id ?? ''}'.`, 'batch_id');
      if (request.method === 'GET' && action === undefined) {
        advance(batch);
        return sendJson(response, 200, batch);
      }
      if (request.method === 'POST' && action === 'cancel') {
        if (batch['status'] === 'validating' || batch['status'] === 'in_progress') Object.assign(batch, { status: 'cancelling', cancelling_at: now() });
        return sendJson(response, 200, batch);
      }
    }
    sendError(response, 404, `Invalid URL (${request.method} ${url.pathname})`, null);
  };

  const server = await startFakeServer(handle);
  return { ...server, files, batches };
}

function newBatch(id: string, body: Record<string, unknown>, created: number): Record<string, unknown> {
  return {
    id,
    object: 'batch',
    endpoint: body['endpoint'],
    errors: null,
    input_file_id: body['input_file_id'],
    completion_window: body['completion_window'] ?? '24h',
    status: 'validating',
    output_file_id: null,
    error_file_id: null,
    created_at: created,
    in_progress_at: null,
    expires_at: created + 86_400,
    finalizing_at: null,
    completed_at: null,
    failed_at: null,
    expired_at: null,
    cancelling_at: null,
    cancelled_at: null,
    request_counts: { total: 0, completed: 0, failed: 0 },
    metadata: body['metadata'] ?? null,
  };
}

/** One output line: a chat completion answering the input line, as OpenAI writes it. */
function answerLine(input: Record<string, unknown>, requestId: string): Record<string, unknown> {
  const body = (input['body'] ?? {}) as Record<string, unknown>;
  const messages = Array.isArray(body['messages']) ? (body['messages'] as Array<{ content?: unknown }>) : [];
  const text = messages.map((message) => (typeof message.content === 'string' ? message.content : '')).join(' ');
  const promptTokens = Math.max(1, text.split(/\s+/).filter((word) => word !== '').length);
  const completion = {
    id: `chatcmpl-${requestId}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: body['model'],
    choices: [{ index: 0, message: { role: 'assistant', content: `Batch answer to: ${text}`.slice(0, 200), refusal: null }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: promptTokens, completion_tokens: FAKE_BATCH_COMPLETION_TOKENS, total_tokens: promptTokens + FAKE_BATCH_COMPLETION_TOKENS },
  };
  return { id: requestId, custom_id: input['custom_id'], response: { status_code: 200, request_id: requestId, body: completion }, error: null };
}

function listOf(data: Array<Record<string, unknown>>): Record<string, unknown> {
  return { object: 'list', data, first_id: data[0]?.['id'] ?? null, last_id: data.at(-1)?.['id'] ?? null, has_more: false };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function sendError(response: ServerResponse, status: number, message: string, param: string | null): void {
  sendJson(response, status, { error: { message, type: 'invalid_request_error', param, code: null } });
}
