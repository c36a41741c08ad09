// Display formats shared by every page: money, counts, durations, times.

export function formatUsd(value: number | null): string {
  if (value === null) return '—';
  // Per-request costs are often fractions of a cent; show enough digits to see them.
  const digits = value !== 0 && Math.abs(value) < 0.01 ? 6 : 2;
  return `$${value.toFixed(digits)}`;
}

export function formatCount(value: number | null): string {
  return value === null ? '—' : value.toLocaleString('en-US');
}

export function formatMs(value: number | null): string {
  if (value === null) return '—';
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`;
}

export function formatTime(epochMs: number | null): string {
  if (epochMs === null) return '—';
  return new Date(epochMs).toISOString().replace('T', ' ').slice(0, 19);
}

export function formatBudget(spend: number, maxBudget: number | null): string {
  return maxBudget === null ? `${formatUsd(spend)} / no limit` : `${formatUsd(spend)} / ${formatUsd(maxBudget)}`;
}

export function formatList(values: readonly string[], empty = 'all'): string {
  return values.length === 0 ? empty : values.join(', ');
}
