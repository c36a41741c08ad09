// The dashboard's data layer, without a browser: reading LiteLLM-shaped answers leniently,
// bucketing requests into chart series, and the request log's filters.

import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readKeyList } from '../../dashboard/src/api/read-keys.js';
import { readSession } from '../../dashboard/src/api/read-session.js';
import { readSpendLogs } from '../../dashboard/src/api/read-spend-logs.js';
import { readTeamList } from '../../dashboard/src/api/read-teams.js';
import { bucketSeries, percentile } from '../../dashboard/src/charts/bucket-series.js';
import { topSpenders } from '../../dashboard/src/charts/top-spenders.js';
import { healthByDeployment, healthFor, verdictOf } from '../../dashboard/src/pages/deployment-health.js';
import { DEFAULT_FILTERS, matchesFilters } from '../../dashboard/src/pages/request-filters.js';

const T0 = Date.parse('2026-01-01T10:00:00Z');

function logRow(offsetMs: number, latencyMs: number, status: string, spend: number, model = 'gpt-test'): Record<string, unknown> {
  return {
    request_id: `request-${offsetMs}`,
    api_key: 'hash-1',
    team_id: 'team-a',
    model_group: model,
    status,
    spend,
    prompt_tokens: 10,
    completion_tokens: 5,
    startTime: new Date(T0 + offsetMs).toISOString(),
    endTime: new Date(T0 + offsetMs + latencyMs).toISOString(),
  };
}

describe('dashboard data', () => {
  it('reads spend-log rows from a bare array or {data}, with latency from the times', () => {
    const rows = readSpendLogs([logRow(0, 250, 'success', 0.5), { no_request_id: true }]);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.latencyMs, 250);
    assert.equal(rows[0]?.totalTokens, 15);
    assert.equal(readSpendLogs({ data: [logRow(0, 1, 'failure', 0)] })[0]?.status, 'failure');
  });

  it('reads keys as full objects or bare hashes, and teams from either list shape', () => {
    const keys = readKeyList({ keys: [{ token: 'abc', key_alias: 'svc', max_budget: '5', blocked: true }, 'def'], total_count: 2 });
    assert.deepEqual(
      keys.map((key) => [key.token, key.keyAlias, key.maxBudget, key.blocked]),
      [
        ['abc', 'svc', 5, true],
        ['def', null, null, false],
      ],
    );
    assert.equal(readTeamList([{ team_id: 't1', members_with_roles: [{ user_id: 'u', role: 'admin' }] }])[0]?.members, 1);
    assert.equal(readTeamList({ teams: [{ team_id: 't2' }] })[0]?.teamId, 't2');
  });

  it('reads the role from /ui/session or from /key/info', () => {
    assert.equal(readSession({ kind: 'master', user_role: 'proxy_admin', label: 'master key' }).role, 'proxy_admin');
    const fromKeyInfo = readSession({ key: 'hash', info: { key_alias: 'svc', user_id: 'ada' } });
    assert.deepEqual([fromKeyInfo.role, fromKeyInfo.label, fromKeyInfo.userId], ['unknown', 'svc', 'ada']);
  });

  it('buckets requests, errors, spend and latency percentiles over time', () => {
    const rows = readSpendLogs([logRow(10_000, 100, 'success', 1), logRow(20_000, 300, 'failure', 0), logRow(70_000, 50, 'success', 2)]);
    const points = bucketSeries(rows, T0, T0 + 180_000, 60_000);
    assert.equal(points.length, 3);
    assert.deepEqual(
      points.map((point) => [point.requests, point.errors, point.spend, point.p50, point.p99]),
      [
        [2, 1, 1, 100, 300],
        [1, 0, 2, 50, 50],
        [0, 0, 0, null, null],
      ],
    );
    assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95), 10);
    assert.equal(percentile([], 0.5), null);
  });

  it('filters the request log by key, team, model, status and time', () => {
    const [row] = readSpendLogs([logRow(0, 10, 'failure', 0)]);
    assert.ok(row !== undefined);
    const now = T0 + 1000;
    assert.equal(matchesFilters(row, DEFAULT_FILTERS, now), true);
    assert.equal(matchesFilters(row, { ...DEFAULT_FILTERS, status: 'success' }, now), false);
    assert.equal(matchesFilters(row, { ...DEFAULT_FILTERS, model: 'GPT' }, now), true);
    assert.equal(matchesFilters(row, { ...DEFAULT_FILTERS, team: 'team-b' }, now), false);
    assert.equal(matchesFilters(row, { ...DEFAULT_FILTERS, key: 'hash-1' }, now), true);
    assert.equal(matchesFilters(row, { ...DEFAULT_FILTERS, range: '1h' }, T0 + 2 * 3_600_000), false);
  });

  it('judges deployment health from recent calls', () => {
    const rows = readSpendLogs([
      { ...logRow(0, 10, 'success', 1), model_id: 'deployment-a' },
      { ...logRow(1, 10, 'failure', 0), model_id: 'deployment-a' },
      { ...logRow(2, 10, 'failure', 0), model_id: 'deployment-b' },
      { ...logRow(3, 10, 'success', 0), model_id: 'deployment-c' },
    ]);
    const health = healthByDeployment(rows);
    assert.deepEqual(
      ['deployment-a', 'deployment-b', 'deployment-c', 'deployment-d'].map((id) => verdictOf(health.get(id))),
      ['degraded', 'failing', 'healthy', 'idle'],
    );
    assert.equal(health.get('deployment-a')?.lastFailureAt, T0 + 1);
    // A failure logged against the group only (no deployment answered) still counts.
    const withGroupFailure = healthByDeployment([...rows, ...readSpendLogs([logRow(5, 10, 'failure', 0, 'group-c')])]);
    assert.deepEqual(healthFor(withGroupFailure, 'deployment-c', 'group-c'), { requests: 2, failures: 1, lastFailureAt: T0 + 5 });
    assert.equal(verdictOf(healthFor(withGroupFailure, 'deployment-c', 'group-c')), 'degraded');
  });

  it('ranks keys by spend for the overview breakdown', () => {
    const rows = readSpendLogs([logRow(0, 1, 'success', 1), { ...logRow(1, 1, 'success', 3), api_key: 'hash-2' }, logRow(2, 1, 'failure', 0)]);
    assert.deepEqual(topSpenders(rows, 5), [
      { apiKey: 'hash-2', requests: 1, errors: 0, spend: 3 },
      { apiKey: 'hash-1', requests: 2, errors: 1, spend: 1 },
    ]);
    assert.equal(topSpenders(rows, 1).length, 1);
  });
});
