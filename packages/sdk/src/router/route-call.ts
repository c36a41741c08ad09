// One routed call: attempts on deployments of a group, retries with backoff (each retry may
// pick another deployment), then fallback groups. Decisions read the typed error's flags
// and class, never its message.

import { LlmuxError } from '../errors/llmux-error.js';
import { toUpstreamCredentialError } from '../errors/upstream-credential-error.js';
import { backoffMs, sleep, type BackoffSettings } from './backoff.js';
import type { ResolvedDeployment } from './deployment.js';
import { resolveFallbacks } from './resolve-fallbacks.js';
import { allowedRetries } from './retry-policy.js';
import type { RouterSettings } from './router-settings.js';

export interface RouteCallPlan {
  group: string;
  /** Groups the caller listed to try in order after `group` (`model: ['a', 'b']` or `fallbacks`). */
  requestedFallbacks: readonly string[] | undefined;
  numRetries: number;
  signal: AbortSignal | undefined;
  /** Whether the caller may use a fallback group (the gateway's model access check). */
  canUseModel: ((model: string) => boolean) | undefined;
}

export interface RouteCallEngine {
  readonly settings: RouterSettings;
  readonly backoff: BackoffSettings;
  readonly maxFallbacks: number;
  hasGroup(group: string): boolean;
  pick(group: string, avoid: ReadonlySet<string> | undefined): ResolvedDeployment;
  /** Records a failure against the deployment; true when it now cools down. */
  recordFailure(deployment: ResolvedDeployment, error: unknown): boolean;
}

export interface RouteCallResult<T> {
  result: T;
  deployment: ResolvedDeployment;
  /** The model group that served the call (a fallback's, after a fallback). */
  group: string;
  attemptedRetries: number;
  attemptedFallbacks: number;
}

export async function routeCall<T>(
  engine: RouteCallEngine,
  plan: RouteCallPlan,
  attempt: (deployment: ResolvedDeployment, group: string) => Promise<T>,
): Promise<RouteCallResult<T>> {
  const counts = { retries: 0, fallbacks: 0 };
  let group = plan.group;
  let queue: readonly string[] | undefined;
  // Created at the first fallback: a call that succeeds at once allocates no set.
  let tried: Set<string> | undefined;
  for (;;) {
    try {
      const { result, deployment, group: served } = await attemptGroup(engine, plan, group, counts, attempt);
      return { result, deployment, group: served, attemptedRetries: counts.retries, attemptedFallbacks: counts.fallbacks };
    } catch (error) {
      if (!(error instanceof LlmuxError) || !error.fallbackAllowed || plan.signal?.aborted === true) throw withAttempts(error, counts);
      // A model nobody serves is a 404 for the caller, not a cue to serve the default groups.
      if (counts.fallbacks === 0 && plan.requestedFallbacks === undefined && !engine.hasGroup(plan.group)) throw withAttempts(error, counts);
      queue ??= resolveFallbacks(plan.group, error, engine.settings, plan.requestedFallbacks);
      tried ??= new Set([plan.group]);
      const next = counts.fallbacks < engine.maxFallbacks ? nextGroup(engine, plan, queue, tried) : undefined;
      if (next === undefined) throw withAttempts(error, counts);
      tried.add(next);
      counts.fallbacks += 1;
      group = next;
    }
  }
}

/** A failed call still tells the client what was tried, in the headers the gateway sends. */
function withAttempts(error: unknown, counts: { retries: number; fallbacks: number }): unknown {
  if (!(error instanceof LlmuxError)) return error;
  const headers = {
    ...error.headers,
    'x-litellm-attempted-retries': String(counts.retries),
    'x-litellm-attempted-fallbacks': String(counts.fallbacks),
  };
  // `headers` is read-only to callers; the router owns this error until it throws it.
  Object.defineProperty(error, 'headers', { value: headers, enumerable: true, configurable: true, writable: false });
  return error;
}

function nextGroup(engine: RouteCallEngine, plan: RouteCallPlan, queue: readonly string[], tried: Set<string>): string | undefined {
  for (const candidate of queue) {
    if (tried.has(candidate) || !engine.hasGroup(candidate)) continue;
    if (plan.canUseModel !== undefined && !plan.canUseModel(candidate)) continue;
    return candidate;
  }
  return undefined;
}

async function attemptGroup<T>(
  engine: RouteCallEngine,
  plan: RouteCallPlan,
  group: string,
  counts: { retries: number },
  attempt: (deployment: ResolvedDeployment, group: string) => Promise<T>,
): Promise<{ result: T; deployment: ResolvedDeployment; group: string }> {
  let retries = 0;
  let failed: Set<string> | undefined;
  for (;;) {
    const deployment = engine.pick(group, failed);
    try {
      return { result: await attempt(deployment, group), deployment, group };
    } catch (error) {
      const coolingDown = engine.recordFailure(deployment, error);
      // Cooldowns and retry_policy see the upstream's 401/403 as LiteLLM does; the caller sees
      // that the gateway's credential for this deployment failed, not its own key.
      if (plan.signal?.aborted === true || retries >= allowedRetries(error, plan.numRetries, engine.settings.retry_policy)) throw toUpstreamCredentialError(error, deployment);
      retries += 1;
      counts.retries += 1;
      failed ??= new Set();
      failed.add(deployment.id);
      // A deployment now cooling down is skipped, so its retry-after need not delay another.
      const askedWait = coolingDown || !(error instanceof LlmuxError) ? undefined : error.retryAfterSeconds;
      await sleep(backoffMs(retries - 1, askedWait, engine.backoff), plan.signal);
    }
  }
}
