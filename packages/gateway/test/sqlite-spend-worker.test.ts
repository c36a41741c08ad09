// The SQLite spend worker: rows handed to it land in the gateway's database, and on Linux
// its thread runs at a lower priority than the event loop (background work yields to requests).

import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { isDataError } from '../src/spend/classify-store-error.js';
import { startSqliteSpendWorker } from '../src/spend/sqlite-spend-worker.js';
import { createStore } from '../src/store/create-store.js';
import type { SpendLogRow } from '../src/store/store.js';
import { spendLogRow } from './helpers/spend-log-row.js';

const home = mkdtempSync(join(tmpdir(), 'llmux-spend-worker-'));
after(() => rmSync(home, { recursive: true, force: true }));

function row(requestId: string): SpendLogRow {
  const now = new Date();
  return spendLogRow(requestId, {
    model_group: 'gpt',
    model_id: 'd1',
    prompt_tokens: 3,
    completion_tokens: 4,
    total_tokens: 7,
    startTime: now,
    endTime: now,
    request_tags: ['t'],
    metadata: { a: 1 },
  });
}

/** Nice values of this process's threads, from /proc/self/task/<tid>/stat (field 19). */
function threadNiceValues(): number[] {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

describe('SQLite spend worker', () => {
  it('writes the rows it is given, from a thread at nice 5', async () => {
    const store = createStore({ home });
    await store.migrate();
    const niceBefore = existsSync('/proc/self/task') ? threadNiceValues() : [];
    const worker = startSqliteSpendWorker(home);
    try {
      await worker.insertSpendLogs([row('r-1'), row('r-2')]);
      const logs = await store.listSpendLogs({});
      assert.deepEqual(logs.map((log) => log.request_id).sort(), ['r-1', 'r-2']);
      assert.deepEqual(logs[0]?.request_tags, ['t']);
      if (existsSync('/proc/self/task')) {
        assert.ok(!niceBefore.includes(5), 'no thread at nice 5 before the worker');
        assert.ok(threadNiceValues().includes(5), 'the worker thread runs at nice 5');
      }
    } finally {
      await worker.close();
      await store.close();
    }
  });

  it('tells a refused row from an outage across the thread: the error keeps its SQLite code, and ping answers', async () => {
    const store = createStore({ home });
    await store.migrate();
    const worker = startSqliteSpendWorker(home);
    try {
      // A row the database refuses (NOT NULL), which the types would not let us build.
      const refused = { ...row('r-bad'), status: null } as unknown as SpendLogRow;
      const error = await worker.insertSpendLogs([refused]).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      assert.match(String((error as { code?: unknown } | undefined)?.code), /^SQLITE_CONSTRAINT/);
      assert.equal(isDataError(error), true);
      await worker.ping();
      assert.equal(isDataError(new Error('database is locked')), false, 'an error without a data code is an outage');
    } finally {
      await worker.close();
      await store.close();
    }
  });
});
