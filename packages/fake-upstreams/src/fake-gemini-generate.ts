// Answers generateContent and streamGenerateContent for the Gemini and Vertex fakes alike:
// a JSON response, an `alt=sse` stream, or (without alt=sse) the JSON array Google sends,
// with mid-stream errors and dropped connections injected on demand.

import type { ServerResponse } from 'node:http';
import { cutIndex } from './fake-cut-index.js';
import { googleErrorBody, overloadedBody } from './fake-google-error.js';
import { createFakeGeminiResponse, type FakeGeminiFlavor, type FakeGeminiReply } from './fake-gemini-reply.js';
import { candidateCountOf, checkGeminiRequestBody } from './fake-gemini-request.js';
import { createFakeGeminiChunks, frameGeminiEvent } from './fake-gemini-stream.js';
import { sendJson, sendSse, type RecordedRequest } from './start-fake-server.js';

export interface FakeGenerateCall {
  method: 'generateContent' | 'streamGenerateContent';
  model: string;
  responseId: string;
  flavor: FakeGeminiFlavor;
  reply: (request: RecordedRequest) => FakeGeminiReply;
}

export async function answerGenerate(request: RecordedRequest, response: ServerResponse, call: FakeGenerateCall): Promise<void> {
  const problem = checkGeminiRequestBody(request.json, call.flavor);
  if (problem !== undefined) return sendJson(response, 400, googleErrorBody(400, 'INVALID_ARGUMENT', problem));
  const reply = call.reply(request);
  if (reply.error !== undefined) return sendJson(response, reply.error.status, reply.error.body, reply.error.headers);

  const options = { model: call.model, responseId: call.responseId, candidateCount: candidateCountOf(request.json), flavor: call.flavor };
  if (call.method === 'generateContent') return sendJson(response, 200, createFakeGeminiResponse(reply, options));

  const chunks = createFakeGeminiChunks(reply, options);
  const cutAt = reply.dropAfterChunks ?? reply.failAfterChunks;
  const cut = cutAt === undefined ? -1 : cutIndex(chunks, cutAt);
  const sent = cut === -1 ? chunks : chunks.slice(0, cut);
  if (!new URL(request.url, 'http://fake').searchParams.has('alt')) {
    // Without alt=sse Google streams one JSON array of responses.
    return sendJson(
      response,
      200,
      sent.map((chunk) => chunk.body),
    );
  }
  const frames = sent.map((chunk) => frameGeminiEvent(chunk.body));
  if (cut === -1) return sendSse(response, frames);
  if (reply.dropAfterChunks === undefined) return sendSse(response, [...frames, frameGeminiEvent(overloadedBody())]);
  // The connection dies mid-stream without a final chunk, as when a proxy resets it.
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const frame of frames) {
    response.write(frame);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  response.destroy();
}
