// The audit log: every management action is recorded with who, what, target and
// before/after values, with secrets removed, and can be filtered through GET /audit/logs.

import * as assert from 'node:assert/strict';
import { describe } from 'node:test';
import { hashKey } from '../src/governance/hash-key.js';
import { governedTests } from './helpers/governed-tests.js';
import type { ManagementClient } from './helpers/management-client.js';

interface AuditRow {
  changed_by: string;
  changed_by_alias: string | null;
  action: string;
  table_name: string;
  object_id: string;
  before_value: Record<string, unknown> | null;
  updated_values: Record<string, unknown> | null;
  created_at: string;
}

describe('audit log', () => {
  let admin: ManagementClient;
  const rows = async (query: string): Promise<AuditRow[]> => (await admin.get(`/audit/logs${query}`)).body['audit_logs'] as AuditRow[];
  const itWithGateway = governedTests('sqlite', async (setup) => {
    ({ admin } = setup);
  });

  itWithGateway('records key creation and updates with before/after, never the key', async (setup) => {
    const generated = await setup.admin.post('/key/generate', { key_alias: 'audited', rpm_limit: 1 });
    const key = String(generated.body['key']);
    await setup.admin.post('/key/update', { key, rpm_limit: 9 });
    const entries = await rows(`?object_id=${hashKey(key)}`);
    assert.deepEqual(
      entries.map((entry) => entry.action),
      ['updated', 'created'],
    );
    const [updated] = entries;
    assert.equal(updated?.changed_by, 'master_key');
    assert.equal(updated?.table_name, 'keys');
    assert.equal(updated?.before_value?.['rpm_limit'], 1);
    assert.equal(updated?.updated_values?.['rpm_limit'], 9);
    assert.equal(updated?.updated_values?.['key_alias'], 'audited');
    assert.equal(updated?.updated_values?.['token'], '[redacted]');
    assert.ok(!Number.isNaN(Date.parse(updated?.created_at ?? '')));
    const everything = JSON.stringify(await rows('?limit=1000'));
    assert.ok(!everything.includes(key), 'no audit row holds the key');
  });

  itWithGateway('names the virtual key that acted, and removes upstream secrets from models', async (setup) => {
    const user = await setup.admin.post('/user/new', { user_id: 'auditor', user_role: 'proxy_admin' });
    const adminKey = String(user.body['key']);
    const added = await setup
      .as(adminKey)
      .post('/model/new', { model_name: 'extra', litellm_params: { model: 'openai/gpt-4o', api_key: 'sk-upstream-very-secret', api_base: setup.upstream.url } });
    assert.equal(added.status, 200);
    assert.ok(!JSON.stringify(added.body).includes('sk-upstream-very-secret'));
    const [entry] = await rows('?table_name=models&action=created');
    assert.equal(entry?.changed_by, hashKey(adminKey));
    assert.equal(entry?.changed_by_alias, 'auditor');
    assert.deepEqual((entry?.updated_values?.['litellm_params'] as Record<string, unknown>)['api_key'], '[redacted]');
    assert.ok(!JSON.stringify(await rows('?limit=1000')).includes('sk-upstream-very-secret'));
  });

  itWithGateway('filters by date and is refused to non-admins', async (setup) => {
    assert.equal((await rows('?start_date=2000-01-01&end_date=2000-01-02')).length, 0);
    assert.ok((await rows('?start_date=2000-01-01')).length > 0);
    const plain = String((await setup.admin.post('/key/generate', {})).body['key']);
    const refused = await setup.as(plain).get('/audit/logs');
    assert.equal(refused.status, 403);
  });
});
