// A fake OpenAI media API on 127.0.0.1:0: images (generations, edits) and audio
// (transcriptions, translations, speech), at OpenAI's paths (with or without `/v1`, Bearer
// key), at Groq's (`/openai/v1/...`, its own Bearer key) and at Azure OpenAI's deployment
// paths (`/openai/deployments/{name}/...?api-version=`, `api-key` header, the deployment
// naming the model). Errors in OpenAI's shape.

import { createFakeTranscription, sendFakeSpeech, sendFakeSpeechEvents } from './fake-openai-audio.js';
import { countEditImages, createFakeImages } from './fake-openai-images.js';
import { openAIErrorBody } from './fake-openai-upstream.js';
import { readFakeForm } from './fake-read-form.js';
import { isRecord } from './is-record.js';
import { sendJson, startFakeServer, type FakeServer, type RecordedRequest } from './start-fake-server.js';

export interface FakeOpenAIMediaOptions {
  /** OpenAI paths require `Authorization: Bearer <apiKey>` when set. */
  apiKey?: string;
  /** Azure deployment paths require `api-key: <azureApiKey>` when set. */
  azureApiKey?: string;
  /** Groq's paths (`/openai/v1/...`) require `Authorization: Bearer <groqApiKey>` when set. */
  groqApiKey?: string;
  /** Milliseconds between the speech stream's chunks (default 30). */
  speechPauseMs?: number;
}

const OPERATIONS = new Set(['/images/generations', '/images/edits', '/audio/transcriptions', '/audio/translations', '/audio/speech']);
const AZURE_PATH = /^\/openai\/deployments\/([^/]+)(\/.*)$/;

interface Target {
  operation: string;
  /** The Azure deployment, which names the model there. */
  deployment: string | undefined;
  groq: boolean;
}

export function startFakeOpenAIMediaUpstream(options: FakeOpenAIMediaOptions = {}): Promise<FakeServer> {
  let served = 0;
  let baseUrl = '';
  const server = startFakeServer(async (request, response) => {
    served += 1;
    const headers = { 'x-request-id': `req_fakemedia${String(served).padStart(6, '0')}` };
    const fail = (status: number, message: string, code: string | null = null, param: string | null = null): void =>
      sendJson(response, status, openAIErrorBody(message, 'invalid_request_error', code, param), headers);

    const target = resolveTarget(request);
    if (target === undefined || request.method !== 'POST') return fail(404, `Invalid URL (${request.method} ${request.url.split('?')[0] ?? '/'})`);
    const denied = checkKey(request, target, options);
    if (denied !== undefined) return fail(401, denied, 'invalid_api_key');

    if (target.operation === '/images/generations' || target.operation === '/audio/speech') {
      const body = request.json;
      if (!isRecord(body)) return fail(400, "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly.)");
      const model = target.deployment ?? body['model'];
      if (typeof model !== 'string') return fail(400, 'you must provide a model parameter');
      if (target.operation === '/audio/speech') {
        if (typeof body['input'] !== 'string') return fail(400, "Missing required parameter: 'input'.", 'missing_required_parameter', 'input');
        if (typeof body['voice'] !== 'string') return fail(400, "Missing required parameter: 'voice'.", 'missing_required_parameter', 'voice');
        const format = typeof body['response_format'] === 'string' ? body['response_format'] : undefined;
        if (body['stream_format'] === 'sse') {
          if (model === 'tts-1' || model === 'tts-1-hd') return fail(400, `stream_format 'sse' is not supported for ${model}.`, 'unsupported_value', 'stream_format');
          return sendFakeSpeechEvents(response, body['input'], headers, options.speechPauseMs);
        }
        return sendFakeSpeech(response, body['input'], format, headers, options.speechPauseMs);
      }
      if (typeof body['prompt'] !== 'string') return fail(400, "Missing required parameter: 'prompt'.", 'missing_required_parameter', 'prompt');
      if (model.startsWith('gpt-image') && body['response_format'] !== undefined) return fail(400, "Unknown parameter: 'response_format'.", 'unknown_parameter', 'response_format');
      const images = createFakeImages(
        {
          model,
          prompt: body['prompt'],
          n: numberOr(body['n'], 1),
          size: stringOr(body['size']),
          quality: stringOr(body['quality']),
          responseFormat: stringOr(body['response_format']),
          inputImages: 0,
        },
        baseUrl,
      );
      return sendJson(response, 200, images, headers);
    }

    const form = await readFakeForm(request);
    if (form === undefined) return fail(400, 'Invalid Content-Type header (expected multipart/form-data).', 'invalid_content_type');
    const model = target.deployment ?? form.fields['model'];
    if (model === undefined) return fail(400, 'you must provide a model parameter');
    if (target.operation === '/images/edits') {
      const inputImages = countEditImages(form);
      if (inputImages === 0) return fail(400, "Missing required parameter: 'image'.", 'missing_required_parameter', 'image');
      const prompt = form.fields['prompt'];
      if (prompt === undefined) return fail(400, "Missing required parameter: 'prompt'.", 'missing_required_parameter', 'prompt');
      const fields = form.fields;
      const images = createFakeImages(
        { model, prompt, n: numberOr(Number(fields['n'] ?? 1), 1), size: fields['size'], quality: fields['quality'], responseFormat: fields['response_format'], inputImages },
        baseUrl,
      );
      return sendJson(response, 200, images, headers);
    }
    const file = form.files['file']?.[0];
    if (file === undefined) return fail(400, "Missing required parameter: 'file'.", 'missing_required_parameter', 'file');
    const task = target.operation === '/audio/translations' ? 'translations' : 'transcriptions';
    const reply = createFakeTranscription(task, file, form.fields['response_format'], form.fields['language']);
    response.writeHead(200, { 'content-type': reply.contentType, 'content-length': Buffer.byteLength(reply.body), ...headers });
    response.end(reply.body);
  });
  return server.then((started) => {
    baseUrl = started.url;
    return started;
  });
}

function resolveTarget(request: RecordedRequest): Target | undefined {
  const path = request.url.split('?')[0] ?? '/';
  const azure = AZURE_PATH.exec(path);
  if (azure !== null) {
    const operation = azure[2] ?? '';
    if (!OPERATIONS.has(operation) || !request.url.includes('api-version=')) return undefined;
    return { operation, deployment: decodeURIComponent(azure[1] ?? ''), groq: false };
  }
  const groq = path.startsWith('/openai/v1/');
  const operation = groq ? path.slice('/openai/v1'.length) : path.startsWith('/v1/') ? path.slice(3) : path;
  return OPERATIONS.has(operation) ? { operation, deployment: undefined, groq } : undefined;
}

function checkKey(request: RecordedRequest, target: Target, options: FakeOpenAIMediaOptions): string | undefined {
  if (target.deployment !== undefined) {
    if (options.azureApiKey === undefined || request.headers['api-key'] === options.azureApiKey) return undefined;
    return 'Access denied due to invalid subscription key or wrong API endpoint.';
  }
  const key = target.groq ? options.groqApiKey : options.apiKey;
  if (key === undefined || request.headers.authorization === `Bearer ${key}`) return undefined;
  return 'Incorrect API key provided.';
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : fallback;
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
