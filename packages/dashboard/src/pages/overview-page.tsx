// Traffic, errors, latency and spend over a time range, from the request log.

import { useMemo, useState } from 'react';
import { listKeys, listSpendLogs } from '../api/management-api.js';
import type { SpendLogRow } from '../api/records.js';
import { bucketSeries, percentile } from '../charts/bucket-series.js';
import { ChartCard } from '../charts/chart-card.js';
import { LatencyChart } from '../charts/latency-chart.js';
import { SpendChart } from '../charts/spend-chart.js';
import { topSpenders } from '../charts/top-spenders.js';
import { TrafficChart } from '../charts/traffic-chart.js';
import { LoadView } from '../components/load-view.js';
import { PageHeader } from '../components/page-header.js';
import { StatCard } from '../components/stat-card.js';
import { TopSpendersTable } from '../components/top-spenders-table.js';
import { formatCount, formatMs, formatUsd } from '../format/format-values.js';
import { useSignedIn } from '../session/api-context.js';
import { useApiData } from '../session/use-api-data.js';
import { rangeStart, type TimeRange } from './request-filters.js';
import { spendLogQueryFor } from './spend-log-query.js';

type OverviewRange = Exclude<TimeRange, 'all'>;

/** Bucket widths that give each range a few dozen points. */
const BUCKET_MS: Record<OverviewRange, number> = { '1h': 60_000, '24h': 3_600_000, '7d': 6 * 3_600_000, '30d': 86_400_000 };

export function OverviewPage() {
  const { client } = useSignedIn();
  const [range, setRange] = useState<OverviewRange>('24h');
  const [state, reload] = useApiData(
    async () => {
      // Key aliases label the breakdown; a caller who may not list keys sees hashes instead.
      const [rows, keys] = await Promise.all([listSpendLogs(client, spendLogQueryFor(range, Date.now())), listKeys(client).catch(() => [])]);
      return { rows, aliases: new Map(keys.map((key) => [key.token, key.keyAlias])), now: Date.now() };
    },
    [client, range],
  );
  return (
    <>
      <PageHeader
        title="Overview"
        description="Requests, errors, latency and spend through this gateway."
        actions={
          <>
            <select aria-label="Time range" value={range} onChange={(event) => setRange(event.target.value as OverviewRange)}>
              <option value="1h">last hour</option>
              <option value="24h">last 24 hours</option>
              <option value="7d">last 7 days</option>
              <option value="30d">last 30 days</option>
            </select>
            <button type="button" onClick={reload}>
              Refresh
            </button>
          </>
        }
      />
      <LoadView state={state} onRetry={reload}>
        {({ rows, aliases, now }) => <OverviewContent rows={rows} aliases={aliases} start={rangeStart(range, now) ?? now} end={now} bucketMs={BUCKET_MS[range]} />}
      </LoadView>
    </>
  );
}

interface OverviewContentProps {
  rows: SpendLogRow[];
  aliases: ReadonlyMap<string, string | null>;
  start: number;
  end: number;
  bucketMs: number;
}

function OverviewContent({ rows, aliases, start, end, bucketMs }: OverviewContentProps) {
  const inRange = useMemo(() => rows.filter((row) => row.startTime !== null && row.startTime >= start), [rows, start]);
  const points = useMemo(() => bucketSeries(inRange, start, end, bucketMs), [inRange, start, end, bucketMs]);
  const latencies = inRange.flatMap((row) => (row.latencyMs === null ? [] : [row.latencyMs])).sort((a, b) => a - b);
  const errors = inRange.filter((row) => row.status !== 'success').length;
  const spend = inRange.reduce((total, row) => total + row.spend, 0);
  return (
    <>
      <div className="stats">
        <StatCard label="Requests" value={formatCount(inRange.length)} testId="total-requests" />
        <StatCard label="Errors" value={`${formatCount(errors)}${inRange.length > 0 ? ` (${((errors / inRange.length) * 100).toFixed(1)}%)` : ''}`} testId="total-errors" />
        <StatCard label="Latency p50 / p95" value={`${formatMs(percentile(latencies, 0.5))} / ${formatMs(percentile(latencies, 0.95))}`} testId="latency" />
        <StatCard label="Spend" value={formatUsd(spend)} testId="total-spend" />
      </div>
      <div className="charts">
        <ChartCard title="Requests and errors" testId="traffic-chart">
          <TrafficChart points={points} bucketMs={bucketMs} />
        </ChartCard>
        <ChartCard title="Latency percentiles" testId="latency-chart">
          <LatencyChart points={points} bucketMs={bucketMs} />
        </ChartCard>
        <ChartCard title="Spend (USD)" testId="spend-chart">
          <SpendChart points={points} bucketMs={bucketMs} />
        </ChartCard>
        <ChartCard title="Top keys by spend" testId="top-spenders-card">
          {inRange.length === 0 ? <p className="muted">No requests in this range.</p> : <TopSpendersTable spenders={topSpenders(inRange, 8)} aliases={aliases} />}
        </ChartCard>
      </div>
    </>
  );
}
