// The keys that spent the most in a set of requests, for the overview's breakdown.

import type { SpendLogRow } from '../api/records.js';

export interface Spender {
  apiKey: string;
  requests: number;
  errors: number;
  spend: number;
}

export function topSpenders(rows: readonly SpendLogRow[], limit: number): Spender[] {
  const byKey = new Map<string, Spender>();
  for (const row of rows) {
    const apiKey = row.apiKey ?? '';
    const entry = byKey.get(apiKey) ?? { apiKey, requests: 0, errors: 0, spend: 0 };
    entry.requests += 1;
    if (row.status !== 'success') entry.errors += 1;
    entry.spend += row.spend;
    byKey.set(apiKey, entry);
  }
  return [...byKey.values()].sort((a, b) => b.spend - a.spend || b.requests - a.requests).slice(0, limit);
}
