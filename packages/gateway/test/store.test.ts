// The store against both backends: migrations on an empty database, refusal of a newer
// schema, keys/users/teams/customers round trips, spend totals and reports, audit rows.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { UserRecord } from '../src/governance/identity.js';
import { LATEST_SCHEMA_VERSION, SchemaTooNewError, type KyselyStore, type SpendLogRow } from '../src/store/index.js';
import { MIGRATIONS } from '../src/store/migrations/index.js';
import { keyRecord, NO_LIMITS } from './helpers/key-record.js';
import { customerRecord } from './helpers/limits-gateway.js';
import { openMigratedStore, type MigratedStore } from './helpers/migrated-store.js';
import { BACKEND_NAMES, openBackend } from './helpers/store-backends.js';
import { serviceGate } from './helpers/service-gate.js';
import { spendLogRow } from './helpers/spend-log-row.js';
import { teamRecord } from './helpers/team-record.js';

const limits = NO_LIMITS;

function userRecord(userId: string): UserRecord {
  const now = new Date();
  return {
    ...limits,
    user_id: userId,
    user_email: null,
    user_alias: null,
    user_role: 'internal_user',
    teams: [],
    models: [],
    spend: 0,
    metadata: {},
    created_at: now,
    updated_at: now,
  };
}

function spendRow(requestId: string, changes: Partial<SpendLogRow> = {}): SpendLogRow {
  return spendLogRow(requestId, {
    api_key: 'a'.repeat(64),
    user: 'u1',
    team_id: 't1',
    model_group: 'gpt-test',
    model_id: 'dep-1',
    prompt_tokens: 10,
    completion_tokens: 5,
    total_tokens: 15,
    spend: 0.25,
    startTime: new Date('2026-01-02T10:00:00Z'),
    endTime: new Date('2026-01-02T10:00:01Z'),
    request_tags: ['a'],
    metadata: { x: 1 },
    ...changes,
  });
}

for (const backendName of BACKEND_NAMES) {
  describe(`store on ${backendName}`, () => {
    const backendGate = serviceGate('PostgreSQL store tests', () => openBackend(backendName));
    let migrated: MigratedStore | undefined;
    let store: KyselyStore;

    before(async () => {
      const backend = await backendGate.open();
      if (backend === undefined) return;
      migrated = await openMigratedStore(backend);
      store = migrated.store;
    });
    after(() => migrated?.dispose());

    it('migrates an empty database and is idempotent on a second start', async (t) => {
      if (backendGate.skipped(t)) return;
      await store.migrate();
      const versions = await store.db.selectFrom('llmux_schema_version').select('version').execute();
      // One row per migration, versions 1..N with none missing.
      assert.deepEqual(
        versions.map((row) => Number(row.version)).sort((a, b) => a - b),
        MIGRATIONS.map((_, index) => index + 1),
      );
      assert.equal(MIGRATIONS.at(-1)?.version, LATEST_SCHEMA_VERSION);
    });

    it('refuses a schema newer than it knows, with a clear message', async (t) => {
      if (backendGate.skipped(t)) return;
      await store.db
        .insertInto('llmux_schema_version')
        .values({ version: LATEST_SCHEMA_VERSION + 1, name: 'future', applied_at: new Date().toISOString() })
        .execute();
      try {
        await assert.rejects(
          store.migrate(),
          (error: unknown) =>
            error instanceof SchemaTooNewError &&
            new RegExp(`schema is at version ${LATEST_SCHEMA_VERSION + 1}.*knows versions up to ${LATEST_SCHEMA_VERSION}`).test(error.message),
        );
      } finally {
        await store.db
          .deleteFrom('llmux_schema_version')
          .where('version', '=', LATEST_SCHEMA_VERSION + 1)
          .execute();
      }
    });

    it('stores keys and reads them back by hash', async (t) => {
      if (backendGate.skipped(t)) return;
      const expires = new Date(Date.now() + 60_000);
      await store.insertKey(keyRecord('h1', { models: ['gpt-test'], model_rpm_limit: { 'gpt-test': 3 }, expires, rpm_limit: 5, max_budget: 1.5, user_id: 'u1' }));
      const found = await store.findKeyByToken('h1');
      assert.deepEqual(found?.models, ['gpt-test']);
      assert.equal(found?.rpm_limit, 5);
      assert.equal(typeof found?.rpm_limit, 'number');
      assert.equal(found?.max_budget, 1.5);
      assert.equal(found?.expires?.getTime(), expires.getTime());
      assert.deepEqual(found?.model_rpm_limit, { 'gpt-test': 3 });
      const updated = await store.updateKey('h1', { blocked: true, key_alias: 'alias' });
      assert.equal(updated?.blocked, true);
      assert.equal((await store.findKeyByToken('h1'))?.key_alias, 'alias');
      const { keys, total } = await store.listKeys({ user_id: 'u1' }, { page: 1, size: 10 });
      assert.equal(total, 1);
      assert.equal(keys[0]?.token, 'h1');
      const regenerated = await store.replaceKeyToken('h1', 'h2', 'sk-...wxyz');
      assert.equal(regenerated?.key_alias, 'alias');
      assert.equal(await store.findKeyByToken('h1'), undefined);
      assert.equal(await store.deleteKeys(['h2']), 1);
      assert.equal(await store.findKeyByToken('h2'), undefined);
    });

    it('keeps users, teams with members, and customers', async (t) => {
      if (backendGate.skipped(t)) return;
      await store.upsertUser(userRecord('u1'));
      await store.upsertTeam(teamRecord('t1', { team_alias: 'Team', models: ['m'] }));
      await store.setTeamMembers('t1', [{ user_id: 'u1', role: 'admin' }]);
      assert.deepEqual((await store.getTeam('t1'))?.members_with_roles, [{ user_id: 'u1', role: 'admin' }]);
      assert.deepEqual((await store.getUser('u1'))?.teams, ['t1']);
      assert.deepEqual(
        (await store.listTeams({ user_id: 'u1' })).map((team) => team.team_id),
        ['t1'],
      );
      await store.upsertCustomer(customerRecord('c1', { blocked: true }));
      assert.equal((await store.getCustomer('c1'))?.blocked, true);
      assert.equal((await store.listUsers({ team_id: 't1' }, { page: 1, size: 10 })).total, 1);
    });

    it('adds a batch of totals once however often it is replayed, and finds rows by either request id', async (t) => {
      if (backendGate.skipped(t)) return;
      const before = await store.getGlobalSpend();
      for (let attempt = 0; attempt < 3; attempt += 1) await store.incrementSpend([{ entity: 'global', id: 'global', amount: 0.125 }], 'batch-replayed');
      assert.equal((await store.getGlobalSpend()) - before, 0.125);
      await store.insertSpendLogs([spendRow('gw-1', { client_request_id: 'client-x' }), spendRow('gw-2', { client_request_id: 'client-x' })]);
      assert.deepEqual((await store.listSpendLogs({ request_id: 'client-x' })).map((row) => row.request_id).sort(), ['gw-1', 'gw-2']);
      assert.deepEqual(
        (await store.listSpendLogs({ request_id: 'gw-2' })).map((row) => row.client_request_id),
        ['client-x'],
      );
      assert.equal(await store.countSpendLogs({ request_id: 'client-x' }), 2);
      assert.deepEqual((await store.listSpendLogs({ request_id: 'client-x', limit: 1, offset: 1 })).length, 1);
      await store.db.deleteFrom('llmux_spend_logs').where('request_id', 'in', ['gw-1', 'gw-2']).execute();
      await store.resetSpend('global', '', null);
    });

    it('adds spend atomically, resets it, and reports it', async (t) => {
      if (backendGate.skipped(t)) return;
      await store.insertKey(keyRecord('k-spend', { user_id: 'u1' }));
      await Promise.all([
        store.incrementSpend([
          { entity: 'key', id: 'k-spend', amount: 0.5 },
          { entity: 'global', id: '', amount: 0.5 },
          { entity: 'key_model', id: 'k-spend', model: 'gpt-test', amount: 0.5 },
        ]),
        store.incrementSpend([
          { entity: 'key', id: 'k-spend', amount: 0.25 },
          { entity: 'global', id: '', amount: 0.25 },
          { entity: 'user', id: 'u1', amount: 0.25 },
          { entity: 'team', id: 't1', amount: 1 },
          { entity: 'customer', id: 'c1', amount: 2 },
          { entity: 'customer', id: 'c-new', amount: 0.5 },
        ]),
      ]);
      assert.equal((await store.findKeyByToken('k-spend'))?.spend, 0.75);
      assert.equal(await store.getGlobalSpend(), 0.75);
      assert.deepEqual(await store.getKeyModelSpend('k-spend'), { 'gpt-test': 0.5 });
      assert.equal((await store.getUser('u1'))?.spend, 0.25);
      assert.equal((await store.getCustomer('c1'))?.spend, 2);
      assert.equal((await store.getCustomer('c-new'))?.spend, 0.5);
      // An edit must not overwrite spend the writer added.
      await store.updateKey('k-spend', { key_alias: 'x' });
      assert.equal((await store.findKeyByToken('k-spend'))?.spend, 0.75);
      const next = new Date('2030-01-01T00:00:00Z');
      await store.resetSpend('key', 'k-spend', next);
      const reset = await store.findKeyByToken('k-spend');
      assert.equal(reset?.spend, 0);
      assert.equal(reset?.budget_reset_at?.toISOString(), next.toISOString());
      await store.resetSpend('global', '', null);
      assert.equal(await store.getGlobalSpend(), 0);

      await store.insertSpendLogs([spendRow('r1'), spendRow('r2', { model_group: 'other', startTime: new Date('2026-01-03T10:00:00Z') }), spendRow('r1')]);
      const logs = await store.listSpendLogs({ api_key: 'a'.repeat(64) });
      assert.deepEqual(
        logs.map((row) => row.request_id),
        ['r2', 'r1'],
      );
      assert.deepEqual(logs[1]?.request_tags, ['a']);
      assert.equal(logs[1]?.startTime.toISOString(), '2026-01-02T10:00:00.000Z');
      assert.equal((await store.listSpendLogs({ start_date: new Date('2026-01-03T00:00:00Z') })).length, 1);
      const byDay = await store.spendReport('day', {});
      assert.deepEqual(
        byDay.map((row) => [row.group, row.spend, row.requests]),
        [
          ['2026-01-02', 0.25, 1],
          ['2026-01-03', 0.25, 1],
        ],
      );
      const byModel = await store.spendReport('model', {});
      assert.deepEqual(
        byModel.map((row) => row.group),
        ['gpt-test', 'other'],
      );
    });

    it('writes a batch larger than one statement takes, and a repeated batch adds nothing', async (t) => {
      if (backendGate.skipped(t)) return;
      const rows = Array.from({ length: 2_345 }, (_, index) => spendRow(`bulk-${index}`, { api_key: 'b'.repeat(64), messages: [{ role: 'user', content: `m${index}` }] }));
      await store.insertSpendLogs(rows);
      await store.insertSpendLogs(rows.slice(1_000, 1_100));
      const stored = await store.listSpendLogs({ api_key: 'b'.repeat(64), limit: 5_000 });
      assert.equal(stored.length, 2_345);
      const last = stored.find((row) => row.request_id === 'bulk-2344');
      assert.deepEqual(last?.messages, [{ role: 'user', content: 'm2344' }]);
      assert.equal(last?.model_group, 'gpt-test');
    });

    it('writes and filters audit rows', async (t) => {
      if (backendGate.skipped(t)) return;
      await store.insertAudit({
        id: 'a1',
        changed_by: 'master',
        changed_by_alias: null,
        action: 'created',
        table_name: 'keys',
        object_id: 'h',
        before_value: null,
        updated_values: { models: [] },
        created_at: new Date(),
      });
      const rows = await store.listAudit({ table_name: 'keys' });
      assert.equal(rows.length, 1);
      assert.deepEqual(rows[0]?.updated_values, { models: [] });
    });
  });
}
