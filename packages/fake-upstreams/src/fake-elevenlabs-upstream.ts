// A fake ElevenLabs text-to-speech API on 127.0.0.1:0: `POST /v1/text-to-speech/{voice_id}
// [/stream]?output_format=...` with `xi-api-key`, answering audio in chunks with pauses
// between them (the media type following output_format), or ElevenLabs' error bodies.

import { fakeSpeechBytes } from './fake-openai-audio.js';
import { isRecord } from './is-record.js';
import { sendJson, startFakeServer, type FakeServer } from './start-fake-server.js';

export interface FakeElevenLabsOptions {
  apiKey?: string;
  /** Milliseconds between audio chunks (default 30). */
  pauseMs?: number;
}

const ROUTE = /^\/v1\/text-to-speech\/([^/]+)(\/stream)?$/;

function mediaType(outputFormat: string): string | undefined {
  if (outputFormat.startsWith('mp3_')) return 'audio/mpeg';
  if (outputFormat.startsWith('pcm_')) return 'audio/pcm';
  if (outputFormat.startsWith('opus_')) return 'audio/opus';
  if (outputFormat === 'ulaw_8000') return 'audio/basic';
  return undefined;
}

export function startFakeElevenLabsUpstream(options: FakeElevenLabsOptions = {}): Promise<FakeServer> {
  return startFakeServer(async (request, response) => {
    const url = new URL(request.url, 'http://fake');
    const route = ROUTE.exec(url.pathname);
    if (request.method !== 'POST' || route === null) return sendJson(response, 404, { detail: 'Not Found' });
    if (options.apiKey !== undefined && request.headers['xi-api-key'] !== options.apiKey) {
      return sendJson(response, 401, { detail: { status: 'invalid_api_key', message: 'Invalid API key' } });
    }
    const body = request.json;
    if (!isRecord(body) || typeof body['text'] !== 'string' || body['text'] === '') {
      return sendJson(response, 422, { detail: [{ loc: ['body', 'text'], msg: 'Field required', type: 'missing' }] });
    }
    const outputFormat = url.searchParams.get('output_format') ?? 'mp3_44100_128';
    const type = mediaType(outputFormat);
    if (type === undefined) return sendJson(response, 400, { detail: { status: 'invalid_output_format', message: `Invalid output format: ${outputFormat}` } });
    response.writeHead(200, { 'content-type': type, 'transfer-encoding': 'chunked', 'request-id': 'fake-el-1' });
    for (const chunk of fakeSpeechBytes(body['text'])) {
      response.write(chunk);
      await new Promise((resolve) => setTimeout(resolve, options.pauseMs ?? 30));
    }
    response.end();
  });
}
