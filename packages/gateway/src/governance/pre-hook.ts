// Request-level pre-hooks run in order before any non-open route's handler; each may stop
// the request by throwing an LlmuxError (written in the route's dialect). Authentication is
// one; model access, rate limits and budgets are the operations' call hooks (core/hooks.ts).

import type { RequestContext } from '../http/request-context.js';

export type PreHook = (context: RequestContext) => void | Promise<void>;

export async function runPreHooks(hooks: readonly PreHook[], context: RequestContext): Promise<void> {
  for (const hook of hooks) {
    const pending = hook(context);
    // Most hooks answer from memory; awaiting only real promises keeps them off the microtask queue.
    if (pending !== undefined) await pending;
  }
}
