// Reads one sample from Prometheus text: the value of `name{labels}` whose labels include
// all of `match` (summed over the rest), so tests assert exact numbers.

export function readMetric(text: string, name: string, match: Record<string, string> = {}): number {
  let total = 0;
  let found = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const brace = line.indexOf('{');
    const space = line.lastIndexOf(' ');
    const metric = brace === -1 ? line.slice(0, space) : line.slice(0, brace);
    if (metric !== name) continue;
    const labels = brace === -1 ? {} : parseLabels(line.slice(brace + 1, line.lastIndexOf('}')));
    if (!Object.entries(match).every(([key, value]) => labels[key] === value)) continue;
    found = true;
    total += Number(line.slice(space + 1));
  }
  if (!found) throw new Error(`no sample ${name} ${JSON.stringify(match)}`);
  return total;
}

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const match of text.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[match[1] as string] = match[2] as string;
  return labels;
}
