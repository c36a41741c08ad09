// The log destination and the hand-written request line: every line reaches the file in
// order, flush and end write what is buffered, and the request line is the JSON pino
// itself would write for the same fields.

import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pino } from 'pino';
import { BufferedDestination } from '../src/logging/buffered-destination.js';
import { LOG_BASE } from '../src/logging/create-logger.js';
import { requestLine } from '../src/logging/request-line.js';

const dir = mkdtempSync(join(tmpdir(), 'llmux-log-destination-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function openLog(name: string): { fd: number; read: () => string } {
  const file = join(dir, name);
  const fd = openSync(file, 'a');
  return { fd, read: () => readFileSync(file, 'utf8') };
}

/** A named pipe: its non-blocking read end and its write end, as a worker's stdout would be. */
function openPipe(name: string): { reader: number; writer: number; close: () => void } {
  const fifo = join(dir, name);
  execFileSync('mkfifo', [fifo]);
  const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
  const writer = openSync(fifo, 'w');
  return { reader, writer, close: () => [writer, reader].forEach((fd) => closeSync(fd)) };
}

/** Reads the pipe a little at a time (so writers fill it and block) until `done()` and it is empty. */
async function drain(reader: number, done: (text: string) => boolean): Promise<string> {
  const chunk = Buffer.alloc(1_500);
  let text = '';
  for (;;) {
    let read = 0;
    try {
      read = readSync(reader, chunk, 0, chunk.length, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
    text += chunk.subarray(0, read).toString('utf8');
    if (read === 0 && done(text)) return text;
    if (read < chunk.length) await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

describe('BufferedDestination', () => {
  it('writes every line, in order, across many blocks', async () => {
    const { fd, read } = openLog('many.log');
    const destination = new BufferedDestination(fd, { blockLength: 1_000 });
    const expected: string[] = [];
    for (let index = 0; index < 5_000; index += 1) {
      const line = `{"n":${index},"text":"${'é'.repeat(index % 7)}"}\n`;
      expected.push(line);
      destination.write(line);
      // Let some writes complete between lines, as a server's event loop would.
      if (index % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await new Promise<void>((resolve, reject) => destination.flush((error) => (error === undefined ? resolve() : reject(error))));
    assert.equal(read(), expected.join(''));
    destination.end();
    closeSync(fd);
  });

  it('keeps a small line until the interval, then writes it', async () => {
    const { fd, read } = openLog('interval.log');
    const destination = new BufferedDestination(fd, { flushIntervalMs: 20 });
    destination.write('one\n');
    assert.equal(read(), '', 'a line under the block length waits');
    for (let waited = 0; read() === '' && waited < 5_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(read(), 'one\n');
    destination.end();
    closeSync(fd);
  });

  it('end() writes what is left at once', () => {
    const { fd, read } = openLog('end.log');
    const destination = new BufferedDestination(fd);
    destination.write('last words\n');
    destination.end();
    assert.equal(read(), 'last words\n');
    closeSync(fd);
  });

  it("writes whole lines into a pipe, so two writers sharing it never cut into each other's lines", async () => {
    // Two destinations on one pipe, as two --num_workers workers on one stdout; the pipe
    // fills (the reader is slow), so writes block part-way, where larger writes would interleave.
    const pipe = openPipe('shared.fifo');
    const workers = ['a', 'b'].map((name) => ({ name, destination: new BufferedDestination(pipe.writer, { blockLength: 16_384 }) }));
    const perWorker = 3_000;
    for (let index = 0; index < perWorker; index += 1) {
      for (const { name, destination } of workers) destination.write(`${JSON.stringify({ worker: name, index, pad: 'x'.repeat(100 + (index % 50)) })}\n`);
    }
    let flushed = false;
    void Promise.all(workers.map(({ destination }) => new Promise<void>((resolve) => destination.flush(() => resolve())))).then(() => (flushed = true));
    const text = await drain(pipe.reader, () => flushed);
    const next = { a: 0, b: 0 } as Record<string, number>;
    for (const line of text.trimEnd().split('\n')) {
      const record = JSON.parse(line) as { worker: string; index: number };
      assert.equal(record.index, next[record.worker], `worker ${record.worker}'s lines arrive whole and in order`);
      next[record.worker] = record.index + 1;
    }
    assert.deepEqual(next, { a: perWorker, b: perWorker });
    for (const { destination } of workers) destination.end();
    pipe.close();
  });

  it('end() during a block written to a pipe in parts loses and repeats no line, and releases flush()', async () => {
    const pipe = openPipe('ending.fifo');
    const destination = new BufferedDestination(pipe.writer, { blockLength: 20_000 });
    const sent: string[] = [];
    for (let index = 0; index < 200; index += 1) sent.push(`${JSON.stringify({ index, pad: 'y'.repeat(90) })}\n`);
    // One block of ~20 KB, written into the pipe 4 KiB at a time; end() comes mid-way.
    for (const line of sent) destination.write(line);
    let flushedBack = false;
    destination.flush(() => (flushedBack = true));
    destination.end();
    // Until every line is in, or a second has passed (a lost line never comes).
    const giveUpAt = Date.now() + 1_000;
    const text = await drain(pipe.reader, (sofar) => sofar.split('\n').length > sent.length || Date.now() > giveUpAt);
    const received = text.split('\n').filter((line) => line !== '');
    assert.deepEqual([...received].sort(), sent.map((line) => line.trimEnd()).sort());
    assert.ok(flushedBack, 'a flush() waiting when end() wrote the rest is called back');
    pipe.close();
  });

  it('drops lines past its bound and says how many in the output', async () => {
    const { fd, read } = openLog('bound.log');
    const destination = new BufferedDestination(fd, { maxPendingLength: 10, blockLength: 1_000 });
    assert.equal(destination.write('123456\n'), true);
    assert.equal(destination.write('too long\n'), false);
    assert.equal(destination.dropped, 1);
    destination.end();
    const lines = read().trim().split('\n');
    assert.equal(JSON.parse(lines[0] as string).dropped, 1);
    assert.equal(lines[1], '123456');
    closeSync(fd);
  });
});

describe('requestLine', () => {
  it('is the JSON pino writes for the same fields', () => {
    const written: string[] = [];
    const logger = pino({ level: 'info', base: LOG_BASE }, { write: (line: string) => void written.push(line) });
    const head = { requestId: 'r-1', method: 'POST', path: '/v1/chat/completions', status: 200, latencyMs: 1.25, keyAlias: undefined, teamId: 'team "a"', userId: undefined };
    const tail = { modelGroup: 'gpt\n4o', cost: 0.000011999999999999999, stream: false, promptTokens: 24, errorClass: undefined, nothing: null, notANumber: Number.NaN };
    logger.info({ ...head, ...tail }, 'request');
    const ours = JSON.parse(requestLine('info', head, tail)) as Record<string, unknown>;
    const pinos = JSON.parse(written[0] as string) as Record<string, unknown>;
    // Both stamp the time; everything else, key order included, is the same.
    assert.ok(typeof ours['time'] === 'number' && Math.abs((ours['time'] as number) - (pinos['time'] as number)) < 1_000);
    delete ours['time'];
    delete pinos['time'];
    assert.deepEqual(Object.entries(ours), Object.entries(pinos));
    assert.equal(JSON.parse(requestLine('error', head, tail)).level, 50);
  });
});
