// Spend per bucket in USD, as bars: each bar is that bucket's total, not a rate.

import { Bar, BarChart, YAxis } from 'recharts';
import { formatUsd } from '../format/format-values.js';
import type { SeriesPoint } from './bucket-series.js';
import { TimeSeriesChart } from './time-series-chart.js';

export function SpendChart({ points, bucketMs }: { points: SeriesPoint[]; bucketMs: number }) {
  return (
    <TimeSeriesChart
      kind={BarChart}
      data={points}
      bucketMs={bucketMs}
      yAxis={<YAxis tickFormatter={(value: number) => formatUsd(value)} fontSize={11} width={80} />}
      formatValue={formatUsd}
    >
      <Bar dataKey="spend" fill="#7c3aed" isAnimationActive={false} />
    </TimeSeriesChart>
  );
}
