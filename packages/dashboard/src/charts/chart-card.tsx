// A titled box around one chart.

import type { ReactNode } from 'react';

export function ChartCard({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="chart-card" data-testid={testId}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}
