// Admission and settlement of one call against every subject's limits: build the counter
// checks (one per limit), admit them atomically, and after the call settle the token
// estimate, free the parallel slots and add the cost to the budget counters.
//
// With Redis the backend is FailoverCounterBackend, which answers from local memory when
// Redis fails and never throws. A backend that does throw still fails open here: the call is
// let through uncounted (as LiteLLM does), so a counter outage never becomes a gateway outage.

import { BudgetExceededError, RateLimitError } from 'llmux';
import { currentBudgetPeriod } from './budget-period.js';
import { descriptorRateLimitHeaders } from './descriptor-rate-limit-headers.js';
import { LEASE, minuteWindow, type AdmitOutcome, type CounterBackend, type CounterUpdate, type LimitCheck } from './counter-backend.js';
import type { LimitSubject } from './limit-subject.js';
import { rateLimitHeaders } from './rate-limit-headers.js';

export interface AdmittedCall {
  readonly subjects: readonly LimitSubject[];
  readonly checks: readonly LimitCheck[];
  /** Counter values right after admission, one per check. */
  readonly values: readonly number[];
  /** Subject index of each check. */
  readonly owners: readonly number[];
  readonly estimatedTokens: number;
  readonly admittedAt: number;
  /** False when the counters could not be reached and the call went through uncounted. */
  readonly counted: boolean;
}

type Mutable<Type> = { -readonly [Field in keyof Type]: Type[Field] };

const NO_VALUES: readonly number[] = Object.freeze([]);

export class CallLimiter {
  constructor(
    readonly backend: CounterBackend,
    private readonly onBackendError: (error: unknown) => void,
  ) {}

  /** Throws RateLimitError or BudgetExceededError; synchronous with the memory backend. */
  admit(subjects: readonly LimitSubject[], estimatedTokens: number, nowMs: number): AdmittedCall | Promise<AdmittedCall> {
    const checks: LimitCheck[] = [];
    const owners: number[] = [];
    const window = minuteWindow(nowMs);
    for (let index = 0; index < subjects.length; index += 1) {
      const subject = subjects[index] as LimitSubject;
      const name = `${subject.scope}:${subject.id}`;
      if (subject.rpm !== null) {
        checks.push({ kind: 'rpm', key: `rpm:${name}:${window}`, limit: subject.rpm, amount: 1, seed: 0, expiresAt: window + 60_000 });
        owners.push(index);
      }
      if (subject.tpm !== null) {
        checks.push({ kind: 'tpm', key: `tpm:${name}:${window}`, limit: subject.tpm, amount: estimatedTokens, seed: 0, expiresAt: window + 60_000 });
        owners.push(index);
      }
      if (subject.parallel !== null) {
        checks.push({ kind: 'parallel', key: `parallel:${name}`, limit: subject.parallel, amount: 1, seed: 0, expiresAt: LEASE });
        owners.push(index);
      }
      if (subject.maxBudget !== null || subject.softBudget !== null) {
        const period = currentBudgetPeriod(subject.budgetDuration, subject.budgetResetAt, nowMs);
        const seed = period.storedSpendCurrent ? subject.storedSpend : 0;
        checks.push({ kind: 'budget', key: `spend:${name}:${period.endsAt}`, limit: subject.maxBudget ?? Number.MAX_VALUE, amount: 0, seed, expiresAt: period.endsAt });
        owners.push(index);
      }
    }
    // One object, filled in once the counters answer (spreads cost a µs on this path).
    const call: Mutable<AdmittedCall> = { subjects, checks, owners, estimatedTokens, admittedAt: nowMs, values: NO_VALUES, counted: true };
    if (checks.length === 0) return call;
    let outcome: AdmitOutcome | Promise<AdmitOutcome>;
    try {
      outcome = this.backend.admit(checks, nowMs);
    } catch (error) {
      return this.uncounted(call, error);
    }
    if (outcome instanceof Promise) {
      return outcome.then(
        (settled) => this.decide(call, settled),
        (error: unknown) => this.uncounted(call, error),
      );
    }
    return this.decide(call, outcome);
  }

  /** Settles a call: actual tokens replace the estimate, slots are freed, cost is added. */
  settle(call: AdmittedCall, actualTokens: number, cost: number, nowMs: number): void | Promise<void> {
    if (!call.counted || call.checks.length === 0) return;
    const updates: CounterUpdate[] = [];
    for (const check of call.checks) {
      if (check.kind === 'tpm' && actualTokens !== call.estimatedTokens)
        updates.push({ key: check.key, delta: actualTokens - call.estimatedTokens, seed: 0, expiresAt: check.expiresAt });
      else if (check.kind === 'parallel') updates.push({ key: check.key, delta: -1, seed: 0, expiresAt: LEASE });
      else if (check.kind === 'budget' && cost > 0) updates.push({ key: check.key, delta: cost, seed: check.seed, expiresAt: check.expiresAt });
    }
    if (updates.length === 0) return;
    try {
      const pending = this.backend.update(updates, nowMs);
      if (pending instanceof Promise) return pending.catch(this.onBackendError);
    } catch (error) {
      this.onBackendError(error);
    }
  }

  private decide(call: Mutable<AdmittedCall>, outcome: AdmitOutcome): AdmittedCall {
    call.values = outcome.values;
    const admitted: AdmittedCall = call;
    if (outcome.refused === -1) return admitted;
    const check = call.checks[outcome.refused] as LimitCheck;
    const subject = call.subjects[call.owners[outcome.refused] as number] as LimitSubject;
    const current = outcome.values[outcome.refused] ?? 0;
    if (check.kind === 'budget') {
      const resets = check.expiresAt === 0 ? '' : ` It resets at ${new Date(check.expiresAt).toISOString()}.`;
      throw new BudgetExceededError(`Budget exceeded for ${subject.label}: spend ${current} has reached max_budget ${check.limit}.${resets}`, { param: null });
    }
    // The tightest-of-all set and LiteLLM's per-descriptor set, as on a success.
    const headers = rateLimitHeaders(admitted, outcome.refused);
    descriptorRateLimitHeaders(admitted, headers, outcome.refused);
    const retryAfterSeconds = check.kind === 'parallel' ? 1 : Math.max(1, Math.ceil((check.expiresAt - call.admittedAt) / 1000));
    const what = check.kind === 'rpm' ? 'requests per minute' : check.kind === 'tpm' ? 'tokens per minute' : 'parallel requests';
    throw new RateLimitError(`Rate limit exceeded for ${subject.label}: ${what} limit ${check.limit} reached (current ${current}).`, {
      code: 'rate_limit_exceeded',
      retryAfterSeconds,
      headers,
    });
  }

  private uncounted(call: Mutable<AdmittedCall>, error: unknown): AdmittedCall {
    this.onBackendError(error);
    call.counted = false;
    return call;
  }
}
