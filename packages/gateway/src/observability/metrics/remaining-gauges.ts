// The remaining-budget and rate-limit gauges, per key and per team. The limits and budgets
// code calls this when it updates a counter; keys and teams past the label cap are skipped
// (a gauge summed over `other` would mean nothing).

import type { GatewayMetricSet } from './define-metrics.js';
import { type LabelCap, OTHER } from './label-cap.js';

export type RemainingUpdate =
  | { scope: 'key'; keyHash: string; keyAlias?: string | null; resource: 'budget'; remaining: number }
  | { scope: 'key'; keyHash: string; keyAlias?: string | null; resource: 'requests' | 'tokens'; model?: string; remaining: number }
  | { scope: 'team'; teamId: string; teamAlias?: string | null; resource: 'budget'; remaining: number }
  | { scope: 'team'; teamId: string; teamAlias?: string | null; resource: 'requests' | 'tokens'; model?: string; remaining: number };

export function createRemainingGauges(metrics: GatewayMetricSet, keys: LabelCap, teams: LabelCap): (update: RemainingUpdate) => void {
  return (update) => {
    if (update.scope === 'key') {
      // The cap counts aliases in request series; a key without an alias is counted by its hash.
      if (keys.resolve(update.keyAlias ?? update.keyHash) === OTHER) return;
      const alias = update.keyAlias ?? '';
      if (update.resource === 'budget') metrics.remainingKeyBudget.labels(update.keyHash, alias).set(update.remaining);
      else if (update.resource === 'requests') metrics.remainingKeyRequests.labels(update.keyHash, alias, update.model ?? '').set(update.remaining);
      else metrics.remainingKeyTokens.labels(update.keyHash, alias, update.model ?? '').set(update.remaining);
      return;
    }
    if (teams.resolve(update.teamId) === OTHER) return;
    const alias = update.teamAlias ?? '';
    if (update.resource === 'budget') metrics.remainingTeamBudget.labels(update.teamId, alias).set(update.remaining);
    else if (update.resource === 'requests') metrics.remainingTeamRequests.labels(update.teamId, alias, update.model ?? '').set(update.remaining);
    else metrics.remainingTeamTokens.labels(update.teamId, alias, update.model ?? '').set(update.remaining);
  };
}
