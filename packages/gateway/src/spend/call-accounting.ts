// Governance around one API call, called by the routes once the body is parsed (the limits
// depend on the model and the body's `user`): begin() admits the call against rate limits
// and budgets before any upstream call; end() settles tokens, frees slots, adds the cost to
// the budget counters and queues the spend-log row. In memory mode begin() is synchronous.

import { PermissionDeniedError } from 'llmux';
import type { Logger } from 'pino';
import type { CustomerRecord, Identity } from '../governance/identity.js';
import type { RequestContext } from '../http/request-context.js';
import type { AdmittedCall, CallLimiter } from '../limits/call-limiter.js';
import type { LoadingCache } from '../limits/loading-cache.js';
import { collectSubjects, type GlobalLimits, type LimitSubject } from '../limits/limit-subject.js';
import { estimateTokens } from '../limits/estimate-tokens.js';
import { descriptorRateLimitHeaders } from '../limits/descriptor-rate-limit-headers.js';
import { rateLimitHeaders } from '../limits/rate-limit-headers.js';
import { reportRemaining, type RemainingSink } from '../limits/report-remaining.js';
import type { BudgetAlerts } from './budget-alerts.js';
import type { ConfiguredTagBudgets } from './configured-tag-budgets.js';
import type { EntityBudgets } from './entity-budgets.js';
import { buildSpendLogRow, spendIncrements, type CallRecord } from './build-spend-log-row.js';
import { scheduleLazyResets } from './schedule-lazy-resets.js';
import type { SpendLogWriter } from './spend-log-writer.js';

export interface CallTicket {
  readonly context: RequestContext;
  readonly identity: Identity | undefined;
  readonly call: CallRecord;
  readonly admitted: AdmittedCall;
}

export interface CallAccountingOptions {
  limiter: CallLimiter;
  writer: SpendLogWriter | undefined;
  /** Customer records by id; `undefined` caches "no record". */
  customers: LoadingCache<CustomerRecord | undefined> | undefined;
  /** A key's stored per-model spend, by key token. */
  keyModelSpend?: LoadingCache<Record<string, number>> | undefined;
  /** Budgets of tags and organizations (with a store). */
  entityBudgets?: EntityBudgets | undefined;
  /** Tag budgets from litellm_settings.tag_budget_config (none: undefined). */
  configuredTagBudgets?: ConfiguredTagBudgets | undefined;
  alerts: BudgetAlerts;
  global: GlobalLimits;
  /** general_settings.store_prompts_in_spend_logs, unless turn_off_message_logging. */
  storePrompts: boolean;
  /** general_settings.disable_spend_logs: totals are kept, rows are not written. */
  disableSpendLogs?: boolean;
  logger: Logger;
  /** Metrics gauges of remaining quota (key and team). */
  remaining?: RemainingSink | undefined;
  /** Epoch ms; tests move time. */
  clock?: () => number;
}

/** The caller the authentication hook found (set by the virtual-key hook). */
function identityOf(context: RequestContext): Identity | undefined {
  return (context as { identity?: Identity }).identity;
}

export class CallAccounting {
  readonly clock: () => number;

  /** Whether rows carry the request's messages and the reply (store_prompts_in_spend_logs). */
  get storesPrompts(): boolean {
    return this.options.storePrompts && this.options.disableSpendLogs !== true;
  }

  constructor(private readonly options: CallAccountingOptions) {
    this.clock = options.clock ?? Date.now;
  }

  begin(context: RequestContext, model: string, body: Record<string, unknown>): CallTicket | Promise<CallTicket> {
    const now = this.clock();
    const customerId = typeof body.user === 'string' && body.user !== '' ? body.user : undefined;
    const customers = this.options.customers;
    const customer = customerId === undefined || customers === undefined ? undefined : customers.get(customerId, now);
    const identity = identityOf(context);
    const key = identity?.key;
    const modelSpend = key === undefined || key.model_max_budget[model] === undefined ? undefined : this.options.keyModelSpend?.get(key.token, now);
    const entities = this.options.entityBudgets?.subjectsFor(tagsOf(body), identity?.team?.organization_id, now) ?? NO_SUBJECTS;
    if (customer instanceof Promise || modelSpend instanceof Promise || entities instanceof Promise) {
      return Promise.all([customer, modelSpend, entities]).then(([record, spend, extra]) =>
        this.admit(context, model, body, customerId, record, spend?.[model] ?? 0, extra, this.clock()),
      );
    }
    return this.admit(context, model, body, customerId, customer, modelSpend?.[model] ?? 0, entities, now);
  }

  /** After the call, on every exit path (success, error, hang-up, stream end). */
  end(ticket: CallTicket, failed: boolean): void {
    const now = this.clock();
    const log = ticket.context.log;
    const cost = failed ? 0 : (log.cost ?? 0);
    const tokens = (log.promptTokens ?? 0) + (log.completionTokens ?? 0);
    const settled = this.options.limiter.settle(ticket.admitted, tokens, cost, now);
    if (settled instanceof Promise) settled.catch(() => undefined);
    if (cost > 0) this.checkBudgetAlerts(ticket.admitted, cost);
    if (this.options.remaining !== undefined && cost > 0) reportRemaining(this.options.remaining, ticket.admitted, cost);
    const writer = this.options.writer;
    if (writer === undefined) return;
    const row = buildSpendLogRow(ticket.context, ticket.identity, ticket.call, failed, new Date(now));
    if (this.options.disableSpendLogs === true) writer.enqueueTotals(spendIncrements(ticket.identity, row));
    else writer.enqueue(row, spendIncrements(ticket.identity, row));
  }

  private admit(
    context: RequestContext,
    model: string,
    body: Record<string, unknown>,
    customerId: string | undefined,
    customer: CustomerRecord | undefined,
    keyModelSpend: number,
    /** Tag and organization budgets (entity-budgets.ts). */
    extra: readonly LimitSubject[],
    now: number,
  ): CallTicket | Promise<CallTicket> {
    if (customer?.blocked === true) {
      throw new PermissionDeniedError(`Customer ${customerId ?? ''} is blocked. Ask an admin to unblock it (/customer/unblock).`, { code: 'customer_blocked', param: 'user' });
    }
    const identity = identityOf(context);
    const subjects = collectSubjects(identity, customerId, customer, model, this.options.global, keyModelSpend);
    for (const subject of extra) subjects.push(subject);
    this.options.configuredTagBudgets?.addSubjects(tagsOf(body), subjects);
    if (this.options.writer !== undefined) scheduleLazyResets(subjects, now, this.options.writer);
    const call = this.callRecord(body, model, customerId, now);
    const admitted = this.options.limiter.admit(subjects, needsEstimate(subjects) ? estimateTokens(body) : 0, now);
    if (admitted instanceof Promise) return admitted.then((settled) => this.ticketFor(context, identity, call, settled));
    return this.ticketFor(context, identity, call, admitted);
  }

  private callRecord(body: Record<string, unknown>, model: string, customerId: string | undefined, now: number): CallRecord {
    const metadata = typeof body.metadata === 'object' && body.metadata !== null ? (body.metadata as Record<string, unknown>) : {};
    return { model, customerId, tags: tagsOf(body), metadata, messages: this.options.storePrompts ? (body.messages ?? body.input ?? null) : null, startedAt: new Date(now) };
  }

  private ticketFor(context: RequestContext, identity: Identity | undefined, call: CallRecord, admitted: AdmittedCall): CallTicket {
    // LiteLLM's x-litellm-key-spend: the key's spend as this call starts (its cached record's).
    if (identity?.key !== undefined) context.headers['x-litellm-key-spend'] = String(identity.key.spend);
    if (admitted.values.length > 0) {
      Object.assign(context.headers, rateLimitHeaders(admitted));
      descriptorRateLimitHeaders(admitted, context.headers);
      if (this.options.remaining !== undefined) reportRemaining(this.options.remaining, admitted, 0);
    }
    return { context, identity, call, admitted };
  }

  private checkBudgetAlerts(admitted: AdmittedCall, cost: number): void {
    const { checks, values, owners, subjects } = admitted;
    for (let index = 0; index < checks.length; index += 1) {
      const check = checks[index];
      if (check?.kind !== 'budget') continue;
      const subject = subjects[owners[index] as number] as LimitSubject;
      if (subject.softBudget !== null || subject.maxBudget !== null) this.options.alerts.spendReached(subject, (values[index] ?? 0) + cost, check.key);
    }
  }
}

/** The prompt walk for a token estimate only when some subject has a TPM limit. */
function needsEstimate(subjects: readonly LimitSubject[]): boolean {
  for (const subject of subjects) if (subject.tpm !== null) return true;
  return false;
}

const NO_SUBJECTS: readonly LimitSubject[] = Object.freeze([]);

/** A call's tags: `metadata.tags`, else top-level `tags`. */
function tagsOf(body: Record<string, unknown>): string[] {
  const metadata = body.metadata;
  const tags = typeof metadata === 'object' && metadata !== null ? (metadata as Record<string, unknown>).tags : undefined;
  return readTags(tags ?? body.tags);
}

/** `metadata.tags` or top-level `tags` as LiteLLM sends them (a list), or comma-separated (OpenAI's metadata holds strings only). */
function readTags(tags: unknown): string[] {
  if (Array.isArray(tags)) return tags.filter((tag): tag is string => typeof tag === 'string');
  if (typeof tags === 'string' && tags !== '') return tags.split(',').map((tag) => tag.trim());
  return [];
}
