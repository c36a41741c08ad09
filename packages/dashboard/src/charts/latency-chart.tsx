// Latency percentiles per bucket, in milliseconds.

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SeriesPoint } from './bucket-series.js';
import { formatTick } from './time-axis.js';

export function LatencyChart({ points, bucketMs }: { points: SeriesPoint[]; bucketMs: number }) {
  return (
    <ResponsiveContainer width="100%" height={220}>
      <LineChart data={points}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
        <XAxis dataKey="time" tickFormatter={formatTick(bucketMs)} fontSize={11} />
        <YAxis unit=" ms" fontSize={11} width={64} />
        <Tooltip labelFormatter={(time) => new Date(Number(time)).toISOString()} />
        <Legend />
        <Line dataKey="p50" stroke="#16a34a" dot={{ r: 2 }} connectNulls isAnimationActive={false} />
        <Line dataKey="p95" stroke="#d97706" dot={{ r: 2 }} connectNulls isAnimationActive={false} />
        <Line dataKey="p99" stroke="#dc2626" dot={{ r: 2 }} connectNulls isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}
