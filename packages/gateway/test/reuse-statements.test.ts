// The SQLite store's statement cache: a repeated query reuses its prepared statement, the
// least recently used is dropped past the bound (and prepared again when needed), and
// closing closes the database.

import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { reuseStatements } from '../src/store/reuse-statements.js';

describe('reuseStatements', () => {
  it('reuses a statement by its SQL, bounds how many it keeps, and closes the database', () => {
    const database = new BetterSqlite3(':memory:');
    const cached = reuseStatements(database);
    const first = cached.prepare('select 1 as one');
    assert.equal(cached.prepare('select 1 as one'), first);
    assert.deepEqual(first.all([]), [{ one: 1 }]);
    for (let index = 0; index < 200; index += 1) cached.prepare(`select ${index} as n`);
    const again = cached.prepare('select 1 as one');
    assert.notEqual(again, first, 'the least recently used statement was dropped past the bound');
    assert.deepEqual(again.all([]), [{ one: 1 }]);
    // A statement used recently survives others being added.
    for (let index = 0; index < 100; index += 1) cached.prepare(`select ${index} as m`);
    assert.equal(cached.prepare('select 1 as one'), again);
    cached.close();
    assert.equal(database.open, false);
  });
});
