// Bounds how many distinct values a label takes: the first `limit` values seen keep their
// name, later ones report as `other`, so a flood of new keys or model names cannot grow
// the series count (and the scrape, and Prometheus's memory) without bound.

export const OTHER = 'other';

export class LabelCap {
  private readonly seen = new Set<string>();

  constructor(private readonly limit: number) {}

  resolve(value: string): string {
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.limit) return OTHER;
    this.seen.add(value);
    return value;
  }
}
