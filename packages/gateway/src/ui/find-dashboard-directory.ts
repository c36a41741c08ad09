// Where the built dashboard lives: packages/dashboard/dist beside the gateway package. The
// path is the same from src/ui/ (tests, tsx) and dist/ui/ (the built gateway), so one
// relative URL serves both.

import { fileURLToPath } from 'node:url';

export function defaultDashboardDirectory(): string {
  return fileURLToPath(new URL('../../../dashboard/dist/', import.meta.url));
}
