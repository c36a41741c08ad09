// Builds the guardrails from the config once: each guardrail, the hooks on the billed
// operations and the /guardrails routes. With no `guardrails:` list the operations keep
// their hooks unchanged, so calls pay nothing for the feature.

import { HttpClient, type Router } from 'llmux';
import type { HooksFor } from '../core/create-operation-routes.js';
import { admitCallHook } from '../core/governance-hooks.js';
import type { Route } from '../http/route.js';
import { createGuardrail } from './create-guardrail.js';
import { createGuardrailHooks } from './create-guardrail-hooks.js';
import { createGuardrailRoutes } from './create-guardrail-routes.js';
import type { Guardrail } from './guardrail.js';
import type { GuardrailEntry } from './guardrail-config-schema.js';

export interface GuardrailSetup {
  hooksFor: HooksFor;
  readonly routes: Route[];
  close(): Promise<void>;
}

/** `entries` from parseGuardrailSettings, read before anything else is built. */
export function createGuardrailSetup(entries: readonly GuardrailEntry[] | undefined, router: Router): GuardrailSetup {
  const all = new Map<string, Guardrail>();
  if (entries === undefined) return { hooksFor: (_operation, hooks) => hooks, routes: createGuardrailRoutes(all), close: () => Promise.resolve() };
  // Its own pool, so close() releases the guardrail services' connections.
  const http = new HttpClient();
  for (const entry of entries) all.set(entry.guardrail_name, createGuardrail(entry, { router, http }));
  const hooks = createGuardrailHooks(all);
  return {
    hooksFor(operation, operationHooks) {
      if (!operation.billed) return operationHooks;
      // After access and admission (a refused call costs no guardrail check), before the
      // response cache (its key is the masked request). The reply checks are reply hooks, run
      // before the cache sees the reply, so a refused reply is never stored.
      const pre = [...operationHooks.pre];
      const admit = pre.indexOf(admitCallHook);
      const at = admit === -1 ? pre.length : admit + 1;
      // Hooks after the guardrails (the cache) may answer without the upstream call: a
      // during_call check is awaited before them, so on a cached operation it runs before the call.
      pre.splice(at, 0, ...(at < pre.length ? [hooks.input, hooks.holdDuring] : [hooks.input]));
      return { pre, post: [...operationHooks.post, hooks.record] };
    },
    routes: createGuardrailRoutes(all),
    close: () => http.close(),
  };
}
