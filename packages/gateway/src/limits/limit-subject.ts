// Everyone a call counts against: the key, its user and team, the end customer (the body's
// `user`), the key's per-model limits and the gateway as a whole. Each is a subject with
// the limits it carries; the limiter turns subjects into counter checks.

import type { CustomerRecord, Identity, Limits } from '../governance/identity.js';

type SubjectScope = 'global' | 'team' | 'user' | 'key' | 'customer' | 'key_model' | 'tag' | 'organization';

export interface LimitSubject {
  scope: SubjectScope;
  /** Unique within the scope (hashed key, user id, `<hashed key>:<model>`, ...). */
  id: string;
  /** How errors and alerts name it: `key sk-...abcd`, `team eng`. */
  label: string;
  rpm: number | null;
  tpm: number | null;
  parallel: number | null;
  maxBudget: number | null;
  softBudget: number | null;
  budgetDuration: string | null;
  budgetResetAt: Date | null;
  /** Spend stored in the database, which seeds a new counter for the current period. */
  storedSpend: number;
}

export interface GlobalLimits {
  maxBudget: number | null;
  budgetDuration: string | null;
  /** Global spend in the database when the gateway started (seeds the global counter). */
  storedSpend: number;
  /** LiteLLM's `max_end_user_budget`: the budget of customers with no record of their own. */
  customerMaxBudget: number | null;
}

export function collectSubjects(
  identity: Identity | undefined,
  customerId: string | undefined,
  customer: CustomerRecord | undefined,
  model: string,
  global: GlobalLimits,
  /** The key's stored spend on this model (a lifetime total: used only without a duration). */
  keyModelSpend = 0,
): LimitSubject[] {
  const subjects: LimitSubject[] = [];
  if (global.maxBudget !== null) subjects.push(globalSubject(global));
  const key = identity?.key;
  if (identity !== undefined) {
    const shared = identitySubjects(identity);
    for (let index = 0; index < shared.length; index += 1) subjects.push(shared[index] as LimitSubject);
  }
  if (key !== undefined) {
    const modelBudget = key.model_max_budget[model];
    const modelRpm = key.model_rpm_limit[model];
    const modelTpm = key.model_tpm_limit[model];
    if (modelBudget !== undefined || modelRpm !== undefined || modelTpm !== undefined) {
      subjects.push({
        ...NO_LIMITS,
        scope: 'key_model',
        id: `${key.token}:${model}`,
        label: `key ${key.key_alias ?? key.key_name} for model ${model}`,
        rpm: modelRpm ?? null,
        tpm: modelTpm ?? null,
        maxBudget: modelBudget?.max_budget ?? null,
        budgetDuration: modelBudget?.budget_duration ?? null,
        storedSpend: modelBudget?.budget_duration === undefined || modelBudget.budget_duration === null ? keyModelSpend : 0,
      });
    }
  }
  if (customerId !== undefined) {
    if (customer !== undefined) subjects.push(fromLimits('customer', customerId, `customer ${customerId}`, customer, customer.spend));
    else subjects.push({ ...NO_LIMITS, scope: 'customer', id: customerId, label: `customer ${customerId}`, maxBudget: global.customerMaxBudget });
  }
  return subjects;
}

/**
 * The team, user and key subjects of an identity. Identities are immutable snapshots (the
 * key cache replaces them when a record changes), so these are built once per identity
 * rather than once per call; the limiter and the lazy resets only read them.
 */
const byIdentity = new WeakMap<Identity, readonly LimitSubject[]>();

function identitySubjects(identity: Identity): readonly LimitSubject[] {
  let subjects = byIdentity.get(identity);
  if (subjects === undefined) {
    const built: LimitSubject[] = [];
    if (identity.team !== undefined) built.push(fromLimits('team', identity.team.team_id, `team ${identity.team.team_id}`, identity.team, identity.team.spend));
    if (identity.user !== undefined) built.push(fromLimits('user', identity.user.user_id, `user ${identity.user.user_id}`, identity.user, identity.user.spend));
    const key = identity.key;
    if (key !== undefined) built.push(fromLimits('key', key.token, `key ${key.key_alias ?? key.key_name}`, key, key.spend));
    subjects = built;
    byIdentity.set(identity, subjects);
  }
  return subjects;
}

/**
 * The gateway-wide subject, rebuilt only when the global limits change (the stored spend
 * arrives from the database after start). Like the identity subjects, only read.
 */
const globalSubjects = new WeakMap<GlobalLimits, LimitSubject>();

function globalSubject(global: GlobalLimits): LimitSubject {
  const cached = globalSubjects.get(global);
  if (cached !== undefined && cached.storedSpend === global.storedSpend && cached.maxBudget === global.maxBudget && cached.budgetDuration === global.budgetDuration) return cached;
  const subject: LimitSubject = {
    ...NO_LIMITS,
    scope: 'global',
    id: 'all',
    label: 'the gateway (litellm_settings.max_budget)',
    maxBudget: global.maxBudget,
    budgetDuration: global.budgetDuration,
    storedSpend: global.storedSpend,
  };
  globalSubjects.set(global, subject);
  return subject;
}

const NO_LIMITS: Omit<LimitSubject, 'scope' | 'id' | 'label'> = {
  rpm: null,
  tpm: null,
  parallel: null,
  maxBudget: null,
  softBudget: null,
  budgetDuration: null,
  budgetResetAt: null,
  storedSpend: 0,
};

function fromLimits(scope: SubjectScope, id: string, label: string, limits: Limits, spend: number): LimitSubject {
  return {
    scope,
    id,
    label,
    rpm: limits.rpm_limit,
    tpm: limits.tpm_limit,
    parallel: limits.max_parallel_requests,
    maxBudget: limits.max_budget,
    softBudget: limits.soft_budget,
    budgetDuration: limits.budget_duration,
    budgetResetAt: limits.budget_reset_at,
    storedSpend: spend,
  };
}
