// The batched spend writer against an in-memory sink: batching by size and time, retries
// that never add a total twice (rows are idempotent, totals are not), resets ordered before
// later totals, and the last flush on close.

import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SpendLogWriter, type SpendSink } from '../src/spend/spend-log-writer.js';
import { SpendQuarantine } from '../src/spend/spend-quarantine.js';
import type { SpendIncrement, SpendLogRow } from '../src/store/store.js';
import { createCaptureLogger } from './helpers/capture-logger.js';
import { spendLogRow } from './helpers/spend-log-row.js';

function row(id: string, spend: number): SpendLogRow {
  const at = new Date(0);
  return spendLogRow(id, { spend, startTime: at, endTime: at });
}

class MemorySink implements SpendSink {
  rows = new Map<string, SpendLogRow>();
  totals = new Map<string, number>();
  failRows = 0;
  failTotals = 0;
  log: string[] = [];
  async insertSpendLogs(rows: readonly SpendLogRow[]): Promise<void> {
    if (this.failRows > 0 && this.failRows-- > 0) throw new Error('rows down');
    for (const entry of rows) this.rows.set(entry.request_id, entry);
    this.log.push(`rows:${rows.length}`);
  }
  async incrementSpend(increments: readonly SpendIncrement[]): Promise<void> {
    if (this.failTotals > 0 && this.failTotals-- > 0) throw new Error('totals down');
    for (const { entity, id, amount } of increments) this.totals.set(`${entity}:${id}`, (this.totals.get(`${entity}:${id}`) ?? 0) + amount);
    this.log.push(`totals:${increments.length}`);
  }
  async resetSpend(entity: string, id: string): Promise<void> {
    this.totals.set(`${entity}:${id}`, 0);
    this.log.push(`reset:${entity}:${id}`);
  }
}

const key = (amount: number): SpendIncrement[] => [{ entity: 'key', id: 'hash', amount }];

describe('spend log writer', () => {
  it('sums totals per entity and writes rows in batches', async () => {
    const sink = new MemorySink();
    const writer = new SpendLogWriter({ sink, logger: createCaptureLogger().logger, flushIntervalMs: 60_000, batchSize: 2 });
    for (let index = 0; index < 3; index += 1) writer.enqueue(row(`r${index}`, 0.5), key(0.5));
    await writer.close();
    assert.equal(sink.rows.size, 3);
    assert.equal(sink.totals.get('key:hash'), 1.5);
    assert.deepEqual(sink.log, ['rows:2', 'totals:1', 'rows:1']);
  });

  it('retries only the totals when the rows were written, never adding twice', async () => {
    const sink = new MemorySink();
    sink.failTotals = 2;
    const writer = new SpendLogWriter({ sink, logger: createCaptureLogger().logger, flushIntervalMs: 60_000 });
    writer.enqueue(row('a', 1), key(1));
    await writer.flush();
    await writer.flush();
    writer.enqueue(row('b', 2), key(2));
    await writer.close();
    assert.equal(sink.totals.get('key:hash'), 3);
    assert.equal(sink.rows.size, 2);
    assert.equal(sink.log.filter((entry) => entry === 'rows:1').length, 2);
  });

  it('applies a reset before totals summed after it', async () => {
    const sink = new MemorySink();
    const writer = new SpendLogWriter({ sink, logger: createCaptureLogger().logger, flushIntervalMs: 60_000 });
    writer.enqueue(row('old', 5), key(5));
    writer.enqueueReset('key', 'hash', new Date(1_000));
    writer.enqueueReset('key', 'hash', new Date(1_000));
    writer.enqueue(row('new', 1), key(1));
    await writer.close();
    assert.equal(sink.totals.get('key:hash'), 1);
    assert.deepEqual(sink.log, ['reset:key:hash', 'rows:2', 'totals:1']);
  });

  describe('rows the store refuses', () => {
    const home = mkdtempSync(join(tmpdir(), 'llmux-quarantine-'));
    after(() => rmSync(home, { recursive: true, force: true }));

    /** Refuses rows whose id starts with `bad` as PostgreSQL refuses a NUL (SQLSTATE 22021), or everything with `down`. */
    class PickySink extends MemorySink {
      down = false;
      inserts = 0;
      override async insertSpendLogs(rows: readonly SpendLogRow[]): Promise<void> {
        this.inserts += 1;
        if (this.down) throw new Error('connection refused');
        if (rows.some((entry) => entry.request_id.startsWith('bad'))) throw Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
        await super.insertSpendLogs(rows);
      }
      async ping(): Promise<void> {
        if (this.down) throw new Error('connection refused');
      }
    }

    it('quarantines only the refused rows of a batch and writes the rest, with every total', async () => {
      const sink = new PickySink();
      const file = join(home, 'one.jsonl');
      const counted: string[] = [];
      const writer = new SpendLogWriter({
        sink,
        logger: createCaptureLogger().logger,
        flushIntervalMs: 60_000,
        quarantine: new SpendQuarantine({ file, logger: createCaptureLogger().logger, count: (kind) => counted.push(kind) }),
      });
      for (const id of ['a', 'bad-1', 'b', 'c', 'd', 'bad-2', 'e', 'f']) writer.enqueue(row(id, 1), key(1));
      await writer.close();
      assert.deepEqual([...sink.rows.keys()].sort(), ['a', 'b', 'c', 'd', 'e', 'f']);
      assert.equal(sink.totals.get('key:hash'), 8, 'refused rows still count in the totals');
      assert.deepEqual(counted, ['row', 'row']);
      const lines = readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { item: { request_id: string }; error: string });
      assert.deepEqual(lines.map((line) => line.item.request_id).sort(), ['bad-1', 'bad-2']);
      assert.match(lines[0]?.error ?? '', /invalid byte sequence/);
      assert.ok(sink.inserts <= 1 + 2 * 2 * Math.log2(8), `isolating took ${sink.inserts} inserts`);
    });

    it('quarantines nothing when the store is down: an outage is retried, not blamed on a row', async () => {
      const sink = new PickySink();
      sink.down = true;
      const file = join(home, 'two.jsonl');
      const writer = new SpendLogWriter({
        sink,
        logger: createCaptureLogger().logger,
        flushIntervalMs: 60_000,
        quarantine: new SpendQuarantine({ file, logger: createCaptureLogger().logger }),
      });
      for (const id of ['a', 'b', 'c']) writer.enqueue(row(id, 1), key(1));
      await writer.flush();
      await writer.flush();
      assert.equal(writer.pendingRows, 3);
      assert.equal(sink.inserts, 2, 'one try a flush, no splitting');
      sink.down = false;
      await writer.close();
      assert.equal(sink.rows.size, 3);
      assert.throws(() => readFileSync(file), /ENOENT/);
    });
  });
});
