// Turns request rows into evenly spaced time buckets for the overview charts: counts,
// errors, spend and latency percentiles per bucket.

import type { SpendLogRow } from '../api/records.js';

export interface SeriesPoint {
  time: number;
  requests: number;
  errors: number;
  spend: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], fraction: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil(fraction * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? null;
}

export function bucketSeries(rows: readonly SpendLogRow[], start: number, end: number, bucketMs: number): SeriesPoint[] {
  const first = Math.floor(start / bucketMs) * bucketMs;
  const count = Math.max(1, Math.ceil((end - first) / bucketMs));
  const latencies: number[][] = Array.from({ length: count }, () => []);
  const points: SeriesPoint[] = Array.from({ length: count }, (_, index) => ({ time: first + index * bucketMs, requests: 0, errors: 0, spend: 0, p50: null, p95: null, p99: null }));
  for (const row of rows) {
    if (row.startTime === null) continue;
    const index = Math.floor((row.startTime - first) / bucketMs);
    const point = points[index];
    if (point === undefined) continue;
    point.requests += 1;
    if (row.status !== 'success') point.errors += 1;
    point.spend += row.spend;
    if (row.latencyMs !== null) latencies[index]?.push(row.latencyMs);
  }
  points.forEach((point, index) => {
    const sorted = (latencies[index] ?? []).sort((a, b) => a - b);
    point.p50 = percentile(sorted, 0.5);
    point.p95 = percentile(sorted, 0.95);
    point.p99 = percentile(sorted, 0.99);
  });
  return points;
}
