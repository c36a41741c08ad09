// A real store whose spend writes fail while `down` is true (reads and pings still answer):
// the spend writer's view of a database that refuses writes for a while.

import type { Store } from '../../src/store/store.js';

export function flakyStore(store: Store): Store & { down: boolean; failedWrites: number } {
  const flaky = Object.create(store) as Store & { down: boolean; failedWrites: number };
  flaky.down = false;
  flaky.failedWrites = 0;
  const guard =
    <Args extends unknown[]>(write: (...args: Args) => Promise<void>) =>
    async (...args: Args): Promise<void> => {
      if (flaky.down) {
        flaky.failedWrites += 1;
        throw new Error('database is down');
      }
      await write(...args);
    };
  flaky.insertSpendLogs = guard(store.insertSpendLogs.bind(store));
  flaky.incrementSpend = guard(store.incrementSpend.bind(store));
  return flaky;
}
