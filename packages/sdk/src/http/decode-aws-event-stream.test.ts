// The AWS event-stream decoder against the official smithy test vectors (read from the
// shared fixtures beside the repository, never copied into it) and against synthetic
// streams cut at every byte, truncated, or oversized.

import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { APIConnectionError, BadGatewayError } from '../errors/error-classes.js';
import { awsEventHeader, decodeAwsEventStream, type AwsEventStreamHeaderValue, type AwsEventStreamMessage } from './decode-aws-event-stream.js';

const VECTORS = new URL('../../../../../shared/fixtures/bedrock/eventstream-test-vectors/', import.meta.url);
const OPTIONS = { provider: 'bedrock', model: 'test-model' };
const codec = new EventStreamCodec(toUtf8, fromUtf8);

interface DecodedVector {
  total_length: number;
  headers: Array<{ name: string; type: number; value: unknown }>;
  payload: string;
}

async function* chunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size);
}

async function decodeAll(bytes: Uint8Array, size = bytes.length || 1): Promise<AwsEventStreamMessage[]> {
  const messages: AwsEventStreamMessage[] = [];
  for await (const message of decodeAwsEventStream(chunksOf(bytes, size), OPTIONS)) messages.push(message);
  return messages;
}

/** A header value in the vectors' JSON form: binary, string and uuid values are base64. */
function vectorValue(header: AwsEventStreamHeaderValue): unknown {
  switch (header.type) {
    case 'boolean':
    case 'byte':
    case 'short':
    case 'integer':
      return header.value;
    case 'long':
      return header.value.valueOf();
    case 'timestamp':
      return header.value.getTime();
    case 'binary':
      return Buffer.from(header.value).toString('base64');
    case 'string':
      return Buffer.from(header.value, 'utf8').toString('base64');
    case 'uuid':
      return Buffer.from(header.value.replaceAll('-', ''), 'hex').toString('base64');
    default: {
      const exhaustive: never = header;
      throw new Error(`unknown header ${JSON.stringify(exhaustive)}`);
    }
  }
}

function frame(eventType: string, payload: string): Uint8Array {
  return codec.encode({
    headers: { ':event-type': { type: 'string', value: eventType }, ':message-type': { type: 'string', value: 'event' } },
    body: fromUtf8(payload),
  });
}

describe('decodeAwsEventStream', () => {
  const positives = readdirSync(new URL('encoded/positive/', VECTORS)).sort();
  const negatives = readdirSync(new URL('encoded/negative/', VECTORS)).sort();

  it('finds the official test vectors', () => {
    assert.ok(positives.length >= 5 && negatives.length >= 4, 'test vectors missing under ../shared/fixtures');
  });

  for (const name of positives) {
    it(`decodes positive vector ${name}, whole and one byte at a time`, async () => {
      const bytes = readFileSync(new URL(`encoded/positive/${name}`, VECTORS));
      const expected = JSON.parse(readFileSync(new URL(`decoded/positive/${name.replace(/\.bin$/, '.json')}`, VECTORS), 'utf8')) as DecodedVector;
      assert.equal(bytes.length, expected.total_length);
      for (const size of [bytes.length, 1, 7]) {
        const messages = await decodeAll(bytes, size);
        assert.equal(messages.length, 1);
        const message = messages[0] as AwsEventStreamMessage;
        assert.equal(Buffer.from(message.payload).toString('base64'), expected.payload);
        const headers = Object.entries(message.headers).map(([headerName, value]) => ({ name: headerName, value: vectorValue(value) }));
        assert.deepEqual(
          headers,
          expected.headers.map((header) => ({ name: header.name, value: header.value })),
        );
      }
    });
  }

  for (const name of negatives) {
    it(`rejects negative vector ${name} with the vector's reason`, async () => {
      const bytes = readFileSync(new URL(`encoded/negative/${name}`, VECTORS));
      const reason = readFileSync(new URL(`decoded/negative/${name.replace(/\.bin$/, '.txt')}`, VECTORS), 'utf8').trim();
      await assert.rejects(decodeAll(bytes), (error: unknown) => {
        assert.ok(error instanceof BadGatewayError, String(error));
        assert.ok(error.message.toLowerCase().includes(reason.toLowerCase()), `${error.message} should say "${reason}"`);
        assert.equal(error.provider, 'bedrock');
        return true;
      });
    });
  }

  it('splits a stream of several messages at any chunk boundary', async () => {
    const frames = [frame('a', '{"n":1}'), frame('b', ''), frame('c', '{"text":"héllo"}')];
    const stream = Buffer.concat(frames);
    for (const size of [1, 2, 3, 5, 13, 64, stream.length]) {
      const messages = await decodeAll(stream, size);
      assert.deepEqual(
        messages.map((message) => awsEventHeader(message, ':event-type')),
        ['a', 'b', 'c'],
      );
      assert.deepEqual(
        messages.map((message) => toUtf8(message.payload)),
        ['{"n":1}', '', '{"text":"héllo"}'],
      );
      assert.equal(awsEventHeader(messages[0] as AwsEventStreamMessage, ':message-type'), 'event');
      assert.equal(awsEventHeader(messages[0] as AwsEventStreamMessage, ':missing'), undefined);
    }
  });

  it('reports a stream that ends inside a message as a connection error, never as a shorter stream', async () => {
    const whole = Buffer.concat([frame('a', '{"n":1}'), frame('b', '{"n":2}')]);
    for (const cut of [whole.length - 1, whole.length - 20, frame('a', '{"n":1}').length + 3]) {
      const seen: string[] = [];
      await assert.rejects(
        (async () => {
          for await (const message of decodeAwsEventStream(chunksOf(whole.subarray(0, cut), 4), OPTIONS)) {
            seen.push(awsEventHeader(message, ':event-type') ?? '');
          }
        })(),
        APIConnectionError,
      );
      assert.deepEqual(seen, ['a']);
    }
  });

  it('refuses an impossible length before buffering it', async () => {
    const prelude = Buffer.alloc(12);
    prelude.writeUInt32BE(0xfffffff0, 0);
    prelude.writeUInt32BE(0, 4);
    const { crc32 } = await import('node:zlib');
    prelude.writeUInt32BE(crc32(prelude.subarray(0, 8)), 8);
    await assert.rejects(decodeAll(prelude), (error: unknown) => error instanceof BadGatewayError && /impossible message length/.test(error.message));
  });
});
