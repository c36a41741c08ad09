// Latency percentiles per bucket, in milliseconds.

import { Legend, Line, LineChart, YAxis } from 'recharts';
import type { SeriesPoint } from './bucket-series.js';
import { TimeSeriesChart } from './time-series-chart.js';

export function LatencyChart({ points, bucketMs }: { points: SeriesPoint[]; bucketMs: number }) {
  return (
    <TimeSeriesChart kind={LineChart} data={points} bucketMs={bucketMs} yAxis={<YAxis unit=" ms" fontSize={11} width={64} />}>
      <Legend />
      <Line dataKey="p50" stroke="#16a34a" dot={{ r: 2 }} connectNulls isAnimationActive={false} />
      <Line dataKey="p95" stroke="#d97706" dot={{ r: 2 }} connectNulls isAnimationActive={false} />
      <Line dataKey="p99" stroke="#dc2626" dot={{ r: 2 }} connectNulls isAnimationActive={false} />
    </TimeSeriesChart>
  );
}
