// The periodic half of budget resets (the request path catches the active ones): every
// interval, find keys, users, teams and customers whose `budget_reset_at` has passed and
// queue their reset in the spend writer, so /key/info shows 0 for an idle key whose period
// ended. Listing is paged; this is admin-scale data, read once a minute by default.

import type { Logger } from 'pino';
import type { Limits } from '../governance/identity.js';
import { currentBudgetPeriod } from '../limits/budget-period.js';
import type { SpendEntity, Store } from '../store/store.js';
import type { SpendLogWriter } from './spend-log-writer.js';

const PAGE_SIZE = 100;

export type SweepStore = Pick<Store, 'listKeys' | 'listUsers' | 'listTeams' | 'listCustomers'>;

export function startBudgetResetSweep(store: SweepStore, writer: SpendLogWriter, logger: Logger, intervalMs: number, clock: () => number): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepBudgetResets(store, writer, clock())
      .catch((error: unknown) => logger.error({ err: error }, 'budget reset sweep failed; retrying next interval'))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

export async function sweepBudgetResets(store: SweepStore, writer: SpendLogWriter, nowMs: number): Promise<void> {
  const due = (entity: SpendEntity, id: string, limits: Limits): void => {
    const resetAt = limits.budget_reset_at;
    if (resetAt === null || limits.budget_duration === null || resetAt.getTime() > nowMs) return;
    const period = currentBudgetPeriod(limits.budget_duration, resetAt, nowMs);
    writer.enqueueReset(entity, id, period.endsAt === 0 ? null : new Date(period.endsAt));
  };
  for (let page = 1; ; page += 1) {
    const { keys, total } = await store.listKeys({}, { page, size: PAGE_SIZE });
    for (const key of keys) due('key', key.token, key);
    if (keys.length === 0 || page * PAGE_SIZE >= total) break;
  }
  for (let page = 1; ; page += 1) {
    const { users, total } = await store.listUsers({}, { page, size: PAGE_SIZE });
    for (const user of users) due('user', user.user_id, user);
    if (users.length === 0 || page * PAGE_SIZE >= total) break;
  }
  for (const team of await store.listTeams({})) due('team', team.team_id, team);
  for (const customer of await store.listCustomers()) due('customer', customer.user_id, customer);
}
