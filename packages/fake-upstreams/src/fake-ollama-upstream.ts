// A fake Ollama server on 127.0.0.1:0: `/api/chat` and `/api/generate` (a JSON object, or
// NDJSON when `stream` is true or absent, as Ollama streams by default) and `/api/embed`,
// with Ollama's `{"error"}` bodies, mid-stream error lines and dropped connections.

import type { ServerResponse } from 'node:http';
import type { FakeChatReply } from './fake-chat-reply.js';
import { cutIndex } from './fake-cut-index.js';
import { createFakeOllamaLines, createFakeOllamaReply, goJson, type FakeOllamaEndpoint, type FakeOllamaLine } from './fake-ollama-chat.js';
import { createFakeOllamaEmbed } from './fake-ollama-embed.js';
import { startFakeServer, type FakeServer, type RecordedRequest } from './start-fake-server.js';
import { isRecord } from './is-record.js';

export interface FakeOllamaOptions {
  /** When set, requests must carry `Authorization: Bearer <apiKey>` (as Ollama's cloud does). */
  apiKey?: string;
  /** The reply to each chat or generate request; defaults to the text `Hello from <model>`. */
  reply?: (request: RecordedRequest) => FakeChatReply;
  /** Length of embedding vectors unless the request asks for `dimensions` (default 8). */
  embeddingDimensions?: number;
}

/** The line Ollama sends when the model fails after the stream has begun. */
export const OLLAMA_MIDSTREAM_ERROR = 'an error was encountered while running the model';

const ROUTES: Readonly<Record<string, FakeOllamaEndpoint | 'embed'>> = { '/api/chat': 'chat', '/api/generate': 'generate', '/api/embed': 'embed' };

export function startFakeOllamaUpstream(options: FakeOllamaOptions = {}): Promise<FakeServer> {
  return startFakeServer(async (request, response) => {
    const fail = (status: number, message: string): void => sendGoJson(response, status, { error: message });
    const route = ROUTES[request.url.split('?')[0] ?? '/'];
    if (request.method !== 'POST' || route === undefined) {
      // Ollama's router answers unknown routes in plain text.
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('404 page not found');
      return;
    }
    if (options.apiKey !== undefined && request.headers.authorization !== `Bearer ${options.apiKey}`) return fail(401, 'unauthorized');
    const body = request.json;
    if (!isRecord(body)) return fail(400, 'invalid character looking for beginning of value');
    if (typeof body['model'] !== 'string' || body['model'] === '') return fail(400, 'model is required');
    const model = body['model'];

    if (route === 'embed') {
      const dimensions = typeof body['dimensions'] === 'number' ? body['dimensions'] : (options.embeddingDimensions ?? 8);
      const embed = createFakeOllamaEmbed(model, body['input'], dimensions);
      if (embed === undefined) return fail(400, 'invalid input type');
      return sendGoJson(response, 200, embed);
    }
    if (route === 'chat' && !Array.isArray(body['messages'])) return fail(400, 'messages is required');
    if (route === 'generate' && typeof body['prompt'] !== 'string') return fail(400, 'prompt is required');

    const reply = options.reply?.(request) ?? { content: `Hello from ${model}` };
    if (reply.error !== undefined) return sendGoJson(response, reply.error.status, reply.error.body, reply.error.headers);
    if (body['stream'] === false) return sendGoJson(response, 200, createFakeOllamaReply(route, model, reply));
    return streamLines(response, createFakeOllamaLines(route, model, reply), reply);
  });
}

function sendGoJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = goJson(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

async function streamLines(response: ServerResponse, lines: FakeOllamaLine[], reply: FakeChatReply): Promise<void> {
  const cutAt = reply.dropAfterChunks ?? reply.failAfterChunks;
  const cut = cutAt === undefined ? -1 : cutIndex(lines, cutAt);
  const sent = cut === -1 ? lines : lines.slice(0, cut);
  response.writeHead(200, { 'content-type': 'application/x-ndjson' });
  for (const line of sent) {
    response.write(line.text);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (cut === -1) {
    response.end();
  } else if (reply.dropAfterChunks === undefined) {
    // Ollama keeps the 200 and reports the failure as one more line.
    response.end(`${goJson({ error: OLLAMA_MIDSTREAM_ERROR })}\n`);
  } else {
    // The connection dies mid-stream, as when the server crashes or a proxy resets it.
    response.destroy();
  }
}
