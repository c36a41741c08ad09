// The governance steps as hooks: model access (before limits: a refused model must not use
// the caller's quota), then admission against rate limits and budgets before any upstream
// call, settled by the post hook on every exit path (reply, error, hang-up, stream end).

import { checkModelAccess } from '../governance/model-access.js';
import { captureStoredReply } from '../spend/capture-stored-reply.js';
import type { CallHooks, PostCallHook, PreCallHook } from './hooks.js';

const checkModelAccessHook: PreCallHook = (state) => {
  checkModelAccess(state.context.identity, state.body['model'] as string, state.dependencies.router);
  return undefined;
};

export const admitCallHook: PreCallHook = (state) => {
  const accounting = state.dependencies.accounting;
  if (accounting === undefined) return undefined;
  // Awaited only with Redis counters; in memory the check is synchronous.
  const ticket = accounting.begin(state.context, state.body['model'] as string, state.body);
  if (!(ticket instanceof Promise)) {
    state.ticket = ticket;
    if (accounting.storesPrompts) state.capture = captureStoredReply(ticket.call, state.capture);
    return undefined;
  }
  return ticket.then((admitted) => {
    state.ticket = admitted;
    if (accounting.storesPrompts) state.capture = captureStoredReply(admitted.call, state.capture);
    return undefined;
  });
};

const settleCallHook: PostCallHook = (state, failed) => {
  if (state.ticket !== undefined) state.dependencies.accounting?.end(state.ticket, failed);
};

/** Billed operations: access, limits and budgets, settlement. */
export const BILLED_HOOKS: CallHooks = { pre: [checkModelAccessHook, admitCallHook], post: [settleCallHook] };

/** Operations that cost nothing upstream (token counting): access only. */
export const UNBILLED_HOOKS: CallHooks = { pre: [checkModelAccessHook], post: [] };
