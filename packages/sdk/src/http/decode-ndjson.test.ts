import { strict as assert } from 'node:assert';
import { it } from 'node:test';
import { decodeNdjson } from './decode-ndjson.js';

async function collect(chunks: Array<Uint8Array | string>): Promise<string[]> {
  async function* body(): AsyncGenerator<Uint8Array | string> {
    yield* chunks;
  }
  const lines: string[] = [];
  for await (const line of decodeNdjson(body())) lines.push(line);
  return lines;
}

it('yields one line per record, across chunk boundaries', async () => {
  assert.deepEqual(await collect(['{"a":1}\n{"b"', ':2}\n', '{"c":3}\n']), ['{"a":1}', '{"b":2}', '{"c":3}']);
});

it('keeps a final record without a trailing newline', async () => {
  assert.deepEqual(await collect(['{"a":1}\n{"done":true}']), ['{"a":1}', '{"done":true}']);
});

it('skips blank lines and strips CRLF endings', async () => {
  assert.deepEqual(await collect(['{"a":1}\r\n\r\n', '\n{"b":2}\r\n']), ['{"a":1}', '{"b":2}']);
});

it('decodes UTF-8 split inside a multi-byte character', async () => {
  const bytes = Buffer.from('{"t":"°C €"}\n', 'utf8');
  const parts = [bytes.subarray(0, 8), bytes.subarray(8, 9), bytes.subarray(9)];
  assert.deepEqual(await collect(parts), ['{"t":"°C €"}']);
});

it('yields nothing for an empty body', async () => {
  assert.deepEqual(await collect([]), []);
});
