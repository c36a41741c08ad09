// The API routes from the list of operations: each operation's paths, with its dialect's
// error writer and the hooks it runs (billed calls: access, limits, budgets, settlement).
// Paths under a dialect's prefixes get that dialect's 404/405 and authentication errors.

import type { RouteTable } from '../http/route-table.js';
import { BILLED_HOOKS, UNBILLED_HOOKS } from './governance-hooks.js';
import type { CallHooks } from './hooks.js';
import type { Operation, OperationDependencies } from './operation.js';
import { createOperationRoute } from './run-operation.js';

/** Adds hooks to an operation's own (the response cache); absent, operations keep theirs. */
export type HooksFor = (operation: Operation, hooks: CallHooks) => CallHooks;

export function addOperationRoutes(table: RouteTable, operations: readonly Operation[], dependencies: OperationDependencies, hooksFor?: HooksFor): void {
  const prefixes = new Set<string>();
  for (const operation of operations) {
    const hooks = operation.billed ? BILLED_HOOKS : UNBILLED_HOOKS;
    table.add(createOperationRoute(operation, dependencies, hooksFor === undefined ? hooks : hooksFor(operation, hooks)));
    for (const prefix of operation.dialect.pathPrefixes) {
      if (prefixes.has(prefix)) continue;
      prefixes.add(prefix);
      table.addErrorWriter(prefix, operation.dialect.writeError);
    }
  }
}
