// AWS event-stream decoding (`application/vnd.amazon.eventstream`), once for every AWS
// provider: bytes in, `{headers, payload}` messages out. Framing and both CRCs are checked
// here, before a frame is buffered whole, so a corrupt length cannot make us wait for or
// allocate gigabytes; smithy's codec parses the typed headers.

import { crc32 } from 'node:zlib';
import { EventStreamCodec, type MessageHeaderValue } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { APIConnectionError, BadGatewayError } from '../errors/error-classes.js';

export type AwsEventStreamHeaderValue = MessageHeaderValue;

export interface AwsEventStreamMessage {
  headers: Readonly<Record<string, AwsEventStreamHeaderValue>>;
  payload: Uint8Array;
}

export interface AwsEventStreamOptions {
  /** Names the upstream in errors. */
  provider: string;
  model: string;
}

const PRELUDE_BYTES = 12;
const MINIMUM_MESSAGE_BYTES = 16;
/** AWS caps a message at 16 MiB of payload and 128 KiB of headers. */
const MAXIMUM_MESSAGE_BYTES = 16 * 1024 * 1024 + 128 * 1024 + MINIMUM_MESSAGE_BYTES;

const codec = new EventStreamCodec(toUtf8, fromUtf8);

export async function* decodeAwsEventStream(body: AsyncIterable<Uint8Array>, options: AwsEventStreamOptions): AsyncGenerator<AwsEventStreamMessage> {
  let parts: Buffer[] = [];
  let buffered = 0;
  /** Length of the frame at the head of the buffer, once its prelude has been verified. */
  let expected = 0;
  const flatten = (): Buffer => {
    if (parts.length !== 1) parts = [Buffer.concat(parts, buffered)];
    return parts[0] as Buffer;
  };

  for await (const chunk of body) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (bytes.length === 0) continue;
    parts.push(bytes);
    buffered += bytes.length;
    while (buffered >= PRELUDE_BYTES) {
      if (expected === 0) expected = readPrelude(flatten(), options);
      if (buffered < expected) break;
      const buffer = flatten();
      const frame = buffer.subarray(0, expected);
      const rest = buffer.subarray(expected);
      parts = rest.length === 0 ? [] : [rest];
      buffered = rest.length;
      expected = 0;
      yield decodeFrame(frame, options);
    }
  }
  if (buffered > 0) {
    throw new APIConnectionError(`${options.provider} stream ended inside an event-stream message (truncated)`, {
      provider: options.provider,
      model: options.model,
    });
  }
}

/** The header value when it is a string (`:event-type`, `:message-type`, ...). */
export function awsEventHeader(message: AwsEventStreamMessage, name: string): string | undefined {
  const header = message.headers[name];
  return header?.type === 'string' ? header.value : undefined;
}

function readPrelude(buffer: Buffer, options: AwsEventStreamOptions): number {
  const total = buffer.readUInt32BE(0);
  const headersLength = buffer.readUInt32BE(4);
  if (crc32(buffer.subarray(0, 8)) !== buffer.readUInt32BE(8)) throw malformed(options, 'prelude checksum mismatch');
  if (total < MINIMUM_MESSAGE_BYTES || total > MAXIMUM_MESSAGE_BYTES || headersLength > total - MINIMUM_MESSAGE_BYTES) {
    throw malformed(options, `impossible message length ${total} (headers ${headersLength})`);
  }
  return total;
}

function decodeFrame(frame: Buffer, options: AwsEventStreamOptions): AwsEventStreamMessage {
  if (crc32(frame.subarray(0, frame.length - 4)) !== frame.readUInt32BE(frame.length - 4)) {
    throw malformed(options, 'message checksum mismatch');
  }
  try {
    const message = codec.decode(frame);
    return { headers: message.headers, payload: message.body };
  } catch (error) {
    throw malformed(options, `unreadable headers (${error instanceof Error ? error.message : String(error)})`);
  }
}

function malformed(options: AwsEventStreamOptions, what: string): BadGatewayError {
  return new BadGatewayError(`${options.provider} sent a malformed event-stream message: ${what}`, {
    provider: options.provider,
    model: options.model,
  });
}
