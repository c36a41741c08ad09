// The files-and-batches table (migration 7) on SQLite and PostgreSQL: rows by gateway id and
// by the deployment's upstream id, the object kept as JSON, billing flipped exactly once,
// owner-filtered lists (key or team), delete.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FileBatchRow, KyselyStore } from '../src/store/index.js';
import { openMigratedStore, type MigratedStore } from './helpers/migrated-store.js';
import { BACKEND_NAMES, openBackend } from './helpers/store-backends.js';

function row(changes: Partial<FileBatchRow>): FileBatchRow {
  return {
    id: 'file-1',
    kind: 'file',
    upstream_id: 'file-up-1',
    model_group: 'gpt-batch',
    deployment_id: 'dep-1',
    api_key: 'key-a',
    user_id: null,
    team_id: null,
    object: { id: 'file-1', object: 'file', purpose: 'batch' },
    billed: false,
    created_at: new Date('2026-12-07T10:00:00Z'),
    ...changes,
  };
}

for (const backendName of BACKEND_NAMES) {
  describe(`files and batches table on ${backendName}`, () => {
    let migrated: MigratedStore | undefined;
    let store: KyselyStore;

    before(async () => {
      const opened = await openBackend(backendName);
      // PostgreSQL on 127.0.0.1:5432 is part of this machine's test setup: a missing one fails loudly.
      if (typeof opened === 'string') throw new Error(opened);
      migrated = await openMigratedStore(opened);
      store = migrated.store;
    });
    after(() => migrated?.dispose());

    it('keeps, finds, bills once, lists by owner and deletes', async () => {
      await store.insertFileBatch(row({}));
      await store.insertFileBatch(row({ id: 'file-2', upstream_id: 'file-up-2', api_key: 'key-b', team_id: 'team-1', created_at: new Date('2026-12-07T11:00:00Z') }));
      await store.insertFileBatch(row({ id: 'batch_1', kind: 'batch', upstream_id: 'batch-up-1', object: { id: 'batch_1', status: 'validating' } }));
      assert.deepEqual((await store.getFileBatch('file-1'))?.object, { id: 'file-1', object: 'file', purpose: 'batch' });
      assert.equal((await store.findFileBatchByUpstream('dep-1', 'file-up-2'))?.id, 'file-2');
      assert.equal(await store.findFileBatchByUpstream('dep-2', 'file-up-2'), undefined);
      await store.updateFileBatchObject('batch_1', { id: 'batch_1', status: 'completed' });
      assert.equal((await store.getFileBatch('batch_1'))?.object['status'], 'completed');
      assert.equal(await store.markFileBilled('file-1'), true);
      assert.equal(await store.markFileBilled('file-1'), false);
      assert.equal((await store.getFileBatch('file-1'))?.billed, true);
      assert.deepEqual(
        (await store.listFilesBatches({ kind: 'file', limit: 10 })).map((one) => one.id),
        ['file-2', 'file-1'],
      );
      assert.deepEqual(
        (await store.listFilesBatches({ kind: 'file', api_key: 'key-a', limit: 10 })).map((one) => one.id),
        ['file-1'],
      );
      assert.deepEqual(
        (await store.listFilesBatches({ kind: 'file', api_key: 'key-c', team_id: 'team-1', limit: 10 })).map((one) => one.id),
        ['file-2'],
      );
      assert.deepEqual(
        (await store.listFilesBatches({ kind: 'batch', api_key: 'key-a', limit: 10 })).map((one) => one.id),
        ['batch_1'],
      );
      assert.equal(await store.deleteFileBatch('file-1'), true);
      assert.equal(await store.getFileBatch('file-1'), undefined);
    });
  });
}
