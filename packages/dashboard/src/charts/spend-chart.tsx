// Spend per bucket in USD, as bars: each bar is that bucket's total, not a rate.

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatUsd } from '../format/format-values.js';
import type { SeriesPoint } from './bucket-series.js';
import { formatTick } from './time-axis.js';

export function SpendChart({ points, bucketMs }: { points: SeriesPoint[]; bucketMs: number }) {
  return (
    <ResponsiveContainer width="100%" height={220}>
      <BarChart data={points}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
        <XAxis dataKey="time" tickFormatter={formatTick(bucketMs)} fontSize={11} />
        <YAxis tickFormatter={(value: number) => formatUsd(value)} fontSize={11} width={80} />
        <Tooltip labelFormatter={(time) => new Date(Number(time)).toISOString()} formatter={(value) => formatUsd(Number(value))} />
        <Bar dataKey="spend" fill="#7c3aed" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
