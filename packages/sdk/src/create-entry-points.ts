// An operation's two ways in, both splitting the caller's arguments at the operation's body
// keys before its `…Call` runs: called directly (`speech(params)`), or as one Router attempt
// (`router.call(params, speechAttempt)`), where the deployment's settings come first.

import type { RouterTarget } from './router/router.js';
import { splitCall, type SplitCall } from './split-call.js';

export interface EntryPoints<Params, Result> {
  direct(params: Params): Promise<Result>;
  attempt(target: RouterTarget, rest: object): Promise<Result>;
}

export function createEntryPoints<Body extends { model: string }, Params extends Body, Result>(
  bodyKeys: ReadonlySet<string>,
  call: (split: SplitCall<Body>) => Promise<Result>,
): EntryPoints<Params, Result> {
  return {
    direct: (params) => call(splitCall<Body>(params, bodyKeys)),
    attempt: (target, rest) => call(target.split<Body>(rest, bodyKeys)),
  };
}
