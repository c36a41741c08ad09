// Requests and errors per bucket, as stacked bars.

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SeriesPoint } from './bucket-series.js';
import { formatTick } from './time-axis.js';

export function TrafficChart({ points, bucketMs }: { points: SeriesPoint[]; bucketMs: number }) {
  const data = points.map((point) => ({ time: point.time, succeeded: point.requests - point.errors, errors: point.errors }));
  return (
    <ResponsiveContainer width="100%" height={220}>
      <BarChart data={data}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
        <XAxis dataKey="time" tickFormatter={formatTick(bucketMs)} fontSize={11} />
        <YAxis allowDecimals={false} fontSize={11} width={40} />
        <Tooltip labelFormatter={(time) => new Date(Number(time)).toISOString()} />
        <Legend />
        <Bar dataKey="succeeded" stackId="requests" fill="#2563eb" isAnimationActive={false} />
        <Bar dataKey="errors" stackId="requests" fill="#dc2626" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
