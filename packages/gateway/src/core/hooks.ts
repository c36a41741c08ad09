// The hook pipeline around an operation's call. Pre hooks run in order; each may go on
// (undefined), replace the request body, or answer now (a cache hit, a guardrail block)
// having written the reply itself. Post hooks run in reverse once the call is over, on
// every exit path, and read the call record.

import type { CallState } from './operation.js';

type PreCallOutcome = undefined | { replace: Record<string, unknown> } | { answered: true };

export type PreCallHook = (state: CallState) => PreCallOutcome | Promise<PreCallOutcome>;

/** `failed`: the call did not succeed (nothing is billed unless the record says what was delivered). */
export type PostCallHook = (state: CallState, failed: boolean) => void;

export interface CallHooks {
  readonly pre: readonly PreCallHook[];
  /** Run last to first. */
  readonly post: readonly PostCallHook[];
}
