// The API routes from the list of operations: each operation's paths, with its dialect's
// error writer and the hooks it runs (billed calls: access, limits, budgets, settlement).
// Paths under a dialect's prefixes get that dialect's 404/405 and authentication errors.

import type { RouteTable } from '../http/route-table.js';
import { BILLED_HOOKS, UNBILLED_HOOKS } from './governance-hooks.js';
import type { Operation, OperationDependencies } from './operation.js';
import { createOperationRoute } from './run-operation.js';

export function addOperationRoutes(table: RouteTable, operations: readonly Operation[], dependencies: OperationDependencies): void {
  const prefixes = new Set<string>();
  for (const operation of operations) {
    table.add(createOperationRoute(operation, dependencies, operation.billed ? BILLED_HOOKS : UNBILLED_HOOKS));
    for (const prefix of operation.dialect.pathPrefixes) {
      if (prefixes.has(prefix)) continue;
      prefixes.add(prefix);
      table.addErrorWriter(prefix, operation.dialect.writeError);
    }
  }
}
