// Requests and errors per bucket, as stacked bars.

import { Bar, BarChart, Legend, YAxis } from 'recharts';
import type { SeriesPoint } from './bucket-series.js';
import { TimeSeriesChart } from './time-series-chart.js';

export function TrafficChart({ points, bucketMs }: { points: SeriesPoint[]; bucketMs: number }) {
  const data = points.map((point) => ({ time: point.time, succeeded: point.requests - point.errors, errors: point.errors }));
  return (
    <TimeSeriesChart kind={BarChart} data={data} bucketMs={bucketMs} yAxis={<YAxis allowDecimals={false} fontSize={11} width={40} />}>
      <Legend />
      <Bar dataKey="succeeded" stackId="requests" fill="#2563eb" isAnimationActive={false} />
      <Bar dataKey="errors" stackId="requests" fill="#dc2626" isAnimationActive={false} />
    </TimeSeriesChart>
  );
}
