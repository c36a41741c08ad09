// The frame the overview's charts share: a fixed-height responsive box, a grid, a time axis
// labelled for the bucket size and a tooltip headed by the bucket's ISO time. Each chart
// brings its own y axis and series.

import type { ReactNode } from 'react';
import { BarChart, CartesianGrid, LineChart, ResponsiveContainer, Tooltip, XAxis } from 'recharts';
import { formatTick } from './time-axis.js';

interface TimeSeriesChartProps<Point extends { time: number }> {
  /** Recharts reads its axes and series as direct children of the chart, so the chart kind is a prop, not a wrapper. */
  kind: typeof BarChart | typeof LineChart;
  data: Point[];
  bucketMs: number;
  yAxis: ReactNode;
  /** Formats the tooltip's values; recharts' default shows them as they are. */
  formatValue?: (value: number) => string;
  children: ReactNode;
}

export function TimeSeriesChart<Point extends { time: number }>({ kind: Chart, data, bucketMs, yAxis, formatValue, children }: TimeSeriesChartProps<Point>) {
  return (
    <ResponsiveContainer width="100%" height={220}>
      <Chart data={data}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
        <XAxis dataKey="time" tickFormatter={formatTick(bucketMs)} fontSize={11} />
        {yAxis}
        <Tooltip labelFormatter={(time) => new Date(Number(time)).toISOString()} formatter={formatValue === undefined ? undefined : (value) => formatValue(Number(value))} />
        {children}
      </Chart>
    </ResponsiveContainer>
  );
}
