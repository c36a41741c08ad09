// The remaining-budget and rate-limit gauges, per key and per team. The limits and budgets
// code reports on every call; a report only keeps the latest value of its series in a Map,
// and the gauges are set when /metrics is scraped. Setting a prom-client gauge hashes its
// labels each time, which would cost more per call than the limit check itself; a scrape
// every 15 s needs only the last value. Keys and teams past the label cap are skipped (a
// gauge summed over `other` would mean nothing).

import type { GatewayMetricSet } from './define-metrics.js';
import { type LabelCap, OTHER } from './label-cap.js';

export type RemainingUpdate =
  | { scope: 'key'; keyHash: string; keyAlias?: string | null; resource: 'budget'; remaining: number }
  | { scope: 'key'; keyHash: string; keyAlias?: string | null; resource: 'requests' | 'tokens'; model?: string; remaining: number }
  | { scope: 'team'; teamId: string; teamAlias?: string | null; resource: 'budget'; remaining: number }
  | { scope: 'team'; teamId: string; teamAlias?: string | null; resource: 'requests' | 'tokens'; model?: string; remaining: number };

export interface RemainingGauges {
  /** Called per call: remembers the latest value of the series. */
  update(update: RemainingUpdate): void;
  /** Called before a scrape renders: sets the gauges to the remembered values. */
  apply(): void;
}

export function createRemainingGauges(metrics: GatewayMetricSet, keys: LabelCap, teams: LabelCap): RemainingGauges {
  const latest = new Map<string, RemainingUpdate>();
  return {
    update(update) {
      const id = update.scope === 'key' ? update.keyHash : update.teamId;
      const model = update.resource === 'budget' ? '' : (update.model ?? '');
      latest.set(`${update.scope}\u0001${update.resource}\u0001${id}\u0001${model}`, update);
    },
    apply() {
      for (const update of latest.values()) setGauge(metrics, keys, teams, update);
      // Entries are re-added by the next calls; a series that stops being reported keeps its last value.
      latest.clear();
    },
  };
}

function setGauge(metrics: GatewayMetricSet, keys: LabelCap, teams: LabelCap, update: RemainingUpdate): void {
  if (update.scope === 'key') {
    // The cap counts aliases in request series; a key without an alias is counted by its hash.
    if (keys.resolve(update.keyAlias ?? update.keyHash) === OTHER) return;
    const alias = update.keyAlias ?? '';
    if (update.resource === 'budget') metrics.remainingKeyBudget.labels(update.keyHash, alias).set(update.remaining);
    else (update.resource === 'requests' ? metrics.remainingKeyRequests : metrics.remainingKeyTokens).labels(update.keyHash, alias, update.model ?? '').set(update.remaining);
    return;
  }
  if (teams.resolve(update.teamId) === OTHER) return;
  const alias = update.teamAlias ?? '';
  if (update.resource === 'budget') metrics.remainingTeamBudget.labels(update.teamId, alias).set(update.remaining);
  else (update.resource === 'requests' ? metrics.remainingTeamRequests : metrics.remainingTeamTokens).labels(update.teamId, alias, update.model ?? '').set(update.remaining);
}
