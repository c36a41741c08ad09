// One operation's request, end to end: read and validate the body (the quick check first,
// zod for the rest), run the pre hooks, serve the call, run the post hooks in reverse on
// every exit path. A failure's error class is on the call record before the post hooks
// run, so it reaches the spend row.

import { clientGone } from '../http/client-gone.js';
import { parseJsonBody } from '../http/parse-json-body.js';
import { readBody } from '../http/read-body.js';
import type { RequestContext } from '../http/request-context.js';
import type { Route } from '../http/route.js';
import { recordError } from '../http/send-error.js';
import { validateBody } from '../routes/validate-body.js';
import type { CallHooks } from './hooks.js';
import type { CallState, Operation, OperationDependencies } from './operation.js';

export function createOperationRoute(operation: Operation, dependencies: OperationDependencies, hooks: CallHooks): Route {
  return {
    method: operation.method,
    paths: operation.paths,
    writeError: operation.dialect.writeError,
    handle: (context) => runOperation(context, operation, dependencies, hooks),
  };
}

async function runOperation(context: RequestContext, operation: Operation, dependencies: OperationDependencies, hooks: CallHooks): Promise<void> {
  context.operation = operation.names;
  const record = context.call;
  record.operation = operation.names.name;
  let bytes: Buffer | undefined;
  let parsed: unknown;
  if (operation.readRequest === undefined) {
    bytes = await readBody(context.request, dependencies.bodyLimitBytes);
    parsed = parseJsonBody(bytes);
  } else parsed = await operation.readRequest(context.request, dependencies.bodyLimitBytes);
  if (operation.request.accepts?.(parsed) !== true) validateBody(operation.request.schema, parsed);
  // An object with a string `model` now: every operation's schema says so.
  const body = parsed as Record<string, unknown>;
  const state: CallState = { context, operation, dependencies, body, sent: bytes === undefined ? undefined : { bytes, body }, ticket: undefined };
  record.modelGroup = body['model'] as string;
  let failed = true;
  try {
    for (const hook of hooks.pre) {
      let outcome = hook(state);
      // Most hooks answer from memory; awaiting only real promises keeps them off the microtask queue.
      if (outcome instanceof Promise) outcome = await outcome;
      if (outcome === undefined) continue;
      if ('answered' in outcome) {
        failed = false;
        return;
      }
      state.body = outcome.replace;
    }
    failed = !(await operation.serve(state));
  } catch (error) {
    // Recorded now, for the post hooks; the dialect's writer words it for the client after.
    if (clientGone(context.response)) record.errorClass = 'ClientClosedRequest';
    else recordError(context, error);
    throw error;
  } finally {
    const post = hooks.post;
    for (let index = post.length - 1; index >= 0; index -= 1) (post[index] as (typeof post)[number])(state, failed);
  }
}
