// Replaces the generated part of docs/benchmarks.md (between the two marker comments) with
// a run's results; the method and the findings around it are written by hand.

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DOC = fileURLToPath(new URL('../../docs/benchmarks.md', import.meta.url));
const START = '<!-- bench:results:start (written by node bench/run.mjs) -->';
const END = '<!-- bench:results:end -->';

export function updateDoc(markdown) {
  const doc = readFileSync(DOC, 'utf8');
  const from = doc.indexOf(START);
  const to = doc.indexOf(END);
  if (from === -1 || to === -1) throw new Error(`docs/benchmarks.md lacks the ${START} … ${END} markers`);
  writeFileSync(DOC, `${doc.slice(0, from + START.length)}\n\n${markdown}\n${doc.slice(to)}`);
}
