// Live health per deployment from the last hour of the request log: how many calls each
// deployment served and how many failed. The gateway has no per-deployment health route yet,
// and real traffic says more than a probe would.

import type { SpendLogRow } from '../api/records.js';

export interface DeploymentHealth {
  requests: number;
  failures: number;
  /** When the deployment last failed (epoch ms), or null. */
  lastFailureAt: number | null;
}

export type HealthVerdict = 'healthy' | 'degraded' | 'failing' | 'idle';

export const HEALTH_WINDOW_MS = 3_600_000;

/** Keyed by deployment id (the log's model_id), falling back to the model group. */
export function healthByDeployment(rows: readonly SpendLogRow[]): Map<string, DeploymentHealth> {
  const health = new Map<string, DeploymentHealth>();
  for (const row of rows) {
    const raw = row.raw as { model_id?: unknown } | null;
    const id = typeof raw?.model_id === 'string' ? raw.model_id : (row.modelGroup ?? row.model);
    if (id === null) continue;
    const entry = health.get(id) ?? { requests: 0, failures: 0, lastFailureAt: null };
    entry.requests += 1;
    if (row.status !== 'success') {
      entry.failures += 1;
      entry.lastFailureAt = Math.max(entry.lastFailureAt ?? 0, row.startTime ?? 0);
    }
    health.set(id, entry);
  }
  return health;
}

export function verdictOf(health: DeploymentHealth | undefined): HealthVerdict {
  if (health === undefined || health.requests === 0) return 'idle';
  if (health.failures === health.requests) return 'failing';
  return health.failures > 0 ? 'degraded' : 'healthy';
}

/**
 * A deployment's health plus its group's calls that name no deployment (a call that failed
 * before any deployment answered is logged against the group only), so failures never vanish.
 */
export function healthFor(health: ReadonlyMap<string, DeploymentHealth>, deploymentId: string | null, modelGroup: string): DeploymentHealth | undefined {
  const own = deploymentId === null ? undefined : health.get(deploymentId);
  const group = health.get(modelGroup);
  if (own === undefined || group === undefined || deploymentId === modelGroup) return own ?? group;
  const lastFailures = [own.lastFailureAt, group.lastFailureAt].filter((time): time is number => time !== null);
  return { requests: own.requests + group.requests, failures: own.failures + group.failures, lastFailureAt: lastFailures.length === 0 ? null : Math.max(...lastFailures) };
}
