// A fake Deepgram pre-recorded API on 127.0.0.1:0: `POST /v1/listen` with the audio as the
// raw body and `Authorization: Token <key>`, answering Deepgram's listen response (metadata
// with the audio's duration, one channel, one alternative) or its error bodies. The transcript
// names the model, the media type and the byte count, so tests can check what arrived.

import { fakeWavSeconds } from './fake-openai-audio.js';
import { sendJson, startFakeServer, type FakeServer } from './start-fake-server.js';

export interface FakeDeepgramOptions {
  apiKey?: string;
}

export function startFakeDeepgramUpstream(options: FakeDeepgramOptions = {}): Promise<FakeServer> {
  let served = 0;
  return startFakeServer((request, response) => {
    served += 1;
    const requestId = `fake-dg-${String(served).padStart(6, '0')}`;
    const url = new URL(request.url, 'http://fake');
    if (request.method !== 'POST' || url.pathname !== '/v1/listen') return sendJson(response, 404, { err_code: 'NOT_FOUND', err_msg: 'Not Found', request_id: requestId });
    if (options.apiKey !== undefined && request.headers.authorization !== `Token ${options.apiKey}`) {
      return sendJson(response, 401, { err_code: 'INVALID_AUTH', err_msg: 'Invalid credentials.', request_id: requestId });
    }
    if (request.body.length === 0)
      return sendJson(response, 400, { err_code: 'Bad Request', err_msg: 'Bad Request: failed to process audio: corrupt or unsupported data', request_id: requestId });
    const model = url.searchParams.get('model') ?? 'base';
    const type = request.headers['content-type'] ?? 'application/octet-stream';
    const duration = fakeWavSeconds(request.body) ?? 1;
    const transcript = `deepgram ${model} heard ${request.body.length} bytes of ${type}`;
    const words = transcript.split(' ').map((word, index) => ({ word, start: index * 0.1, end: index * 0.1 + 0.1, confidence: 0.99, punctuated_word: word }));
    return sendJson(response, 200, {
      metadata: {
        transaction_key: 'deprecated',
        request_id: requestId,
        sha256: 'fake',
        created: new Date().toISOString(),
        duration,
        channels: 1,
        models: ['fake-model-uuid'],
        model_info: {},
      },
      results: {
        channels: [
          {
            ...(url.searchParams.get('detect_language') === 'true' ? { detected_language: 'en', language_confidence: 0.98 } : {}),
            alternatives: [{ transcript, confidence: 0.99, words }],
          },
        ],
      },
    });
  });
}
