// AWS event-stream frames for the fake AWS services, encoded with @smithy/eventstream-codec
// (so prelude and message CRCs are real) with the three string headers AWS sends, and
// AWS's JSON error answers.

import type { ServerResponse } from 'node:http';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { cutIndex } from './fake-cut-index.js';
import { sendJson } from './start-fake-server.js';

export interface FakeAwsFrame {
  bytes: Uint8Array;
  /** Carries generated content: counts toward failAfterChunks / dropAfterChunks. */
  content: boolean;
}

const codec = new EventStreamCodec(toUtf8, fromUtf8);

/** An `:message-type: event` frame; JSON payloads get AWS's random-length `p` padding field. */
export function awsEventFrame(eventType: string, payload: Record<string, unknown> | Uint8Array, content = false): FakeAwsFrame {
  const body = payload instanceof Uint8Array ? payload : fromUtf8(JSON.stringify({ ...payload, p: padding(eventType.length) }));
  const contentType = payload instanceof Uint8Array ? 'application/octet-stream' : 'application/json';
  return {
    bytes: codec.encode({
      headers: {
        ':event-type': { type: 'string', value: eventType },
        ':content-type': { type: 'string', value: contentType },
        ':message-type': { type: 'string', value: 'event' },
      },
      body,
    }),
    content,
  };
}

/** An `:message-type: exception` frame, as AWS sends an error after the stream began. */
export function awsExceptionFrame(exceptionType: string, payload: Record<string, unknown>): FakeAwsFrame {
  return {
    bytes: codec.encode({
      headers: {
        ':exception-type': { type: 'string', value: exceptionType },
        ':content-type': { type: 'string', value: 'application/json' },
        ':message-type': { type: 'string', value: 'exception' },
      },
      body: fromUtf8(JSON.stringify(payload)),
    }),
    content: false,
  };
}

/** Writes frames one by one, as AWS flushes them; `end: false` leaves the stream without its close. */
export async function sendAwsEventStream(response: ServerResponse, frames: FakeAwsFrame[], headers: Record<string, string> = {}): Promise<void> {
  response.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': awsRequestId(), ...headers });
  for (const frame of frames) {
    response.write(frame.bytes);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  response.end();
}

/** The frames up to the (count+1)-th content frame. */
export function awsFramesBefore(frames: FakeAwsFrame[], count: number): FakeAwsFrame[] {
  const cut = cutIndex(frames, count);
  return cut === -1 ? frames : frames.slice(0, cut);
}

/** AWS's restJson1 error: the name in `x-amzn-ErrorType`, the text in `message`. */
export function sendAwsError(response: ServerResponse, status: number, errorType: string, message: string, headers: Record<string, string> = {}): void {
  sendJson(response, status, { message }, { 'x-amzn-errortype': errorType, 'x-amzn-requestid': awsRequestId(), ...headers });
}

let requests = 0;

export function awsRequestId(): string {
  requests += 1;
  return `00000000-fake-4000-8000-${String(requests).padStart(12, '0')}`;
}

function padding(seed: number): string {
  return 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123'.slice(0, 10 + (seed % 40));
}
