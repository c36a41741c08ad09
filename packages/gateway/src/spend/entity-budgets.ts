// Tag and organization budgets on the request path (issue 18): a call carrying a tag with a
// budget row, or made by a team in an organization with one, counts against those budgets
// too, and is refused like any other budget once one is spent. Each tag's and organization's
// subject is built from the store once per TTL (LoadingCache: shared misses, the last known
// answer while the store is down); calls with no tags and no organization do no work here.

import type { LimitSubject } from '../limits/limit-subject.js';
import { LoadingCache } from '../limits/loading-cache.js';
import type { Store } from '../store/store.js';

type Kind = 'tag' | 'organization';

const NO_SUBJECTS: readonly LimitSubject[] = Object.freeze([]);

export class EntityBudgets {
  private readonly caches: Record<Kind, LoadingCache<LimitSubject | null>>;

  constructor(store: Store, ttlMs = 30_000) {
    const cache = (kind: Kind): LoadingCache<LimitSubject | null> => new LoadingCache({ load: (id) => loadSubject(store, kind, id), ttlMs, maxEntries: 10_000, fallback: null });
    this.caches = { tag: cache('tag'), organization: cache('organization') };
  }

  /** The budget subjects of a call's tags and organization; synchronous when all are cached. */
  subjectsFor(tags: readonly string[], organizationId: string | null | undefined, nowMs: number): readonly LimitSubject[] | Promise<readonly LimitSubject[]> {
    if (tags.length === 0 && (organizationId === null || organizationId === undefined)) return NO_SUBJECTS;
    const found: Array<LimitSubject | null | Promise<LimitSubject | null>> = [];
    for (const tag of new Set(tags)) found.push(this.caches.tag.get(tag, nowMs));
    if (organizationId !== null && organizationId !== undefined) found.push(this.caches.organization.get(organizationId, nowMs));
    if (found.some((entry) => entry instanceof Promise)) return Promise.all(found).then(present);
    return present(found as Array<LimitSubject | null>);
  }

  /** After a tag, organization or budget row changed (undefined: forget every one). */
  invalidate(kind?: Kind, id?: string): void {
    if (kind === undefined) {
      this.caches.tag.invalidate();
      this.caches.organization.invalidate();
    } else this.caches[kind].invalidate(id);
  }
}

function present(subjects: ReadonlyArray<LimitSubject | null>): LimitSubject[] {
  return subjects.filter((subject): subject is LimitSubject => subject !== null);
}

async function loadSubject(store: Store, kind: Kind, id: string): Promise<LimitSubject | null> {
  const owner = kind === 'tag' ? await store.getTag(id) : await store.getOrganization(id);
  if (owner?.budget_id === null || owner?.budget_id === undefined) return null;
  const budget = await store.getBudget(owner.budget_id);
  if (budget === undefined) return null;
  const spend = (await store.getEntitySpend(kind, [id]))[id] ?? 0;
  return {
    scope: kind,
    id,
    label: `${kind} ${id}`,
    rpm: budget.rpm_limit,
    tpm: budget.tpm_limit,
    parallel: budget.max_parallel_requests,
    maxBudget: budget.max_budget,
    softBudget: budget.soft_budget,
    budgetDuration: budget.budget_duration,
    // No stored reset time: a budget with a duration counts from its period's counter (as a
    // key's per-model budget does), and the running total is only the lifetime one.
    budgetResetAt: null,
    storedSpend: budget.budget_duration === null ? spend : 0,
  };
}
