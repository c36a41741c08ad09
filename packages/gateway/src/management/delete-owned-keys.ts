// A deleted team or user takes its keys with it, as in LiteLLM: no orphaned key keeps
// billing an owner that is gone. Each key's deletion is audited on its own.

import type { Identity } from '../governance/identity.js';
import type { ManagementDeps } from './management-deps.js';
import { renderKey } from './render-records.js';

/** Far above any real owner's key count: the owner's keys are all deleted, not a page of them. */
const ALL_KEYS = { page: 1, size: 10_000 };

export async function deleteOwnedKeys(deps: Pick<ManagementDeps, 'store' | 'audit'>, caller: Identity, owner: { team_id: string } | { user_id: string }): Promise<void> {
  const { keys } = await deps.store.listKeys(owner, ALL_KEYS);
  await deps.store.deleteKeys(keys.map((key) => key.token));
  for (const key of keys) await deps.audit.record({ caller, action: 'deleted', table: 'keys', objectId: key.token, before: renderKey(key) });
}
