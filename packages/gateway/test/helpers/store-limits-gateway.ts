// A limits gateway on a store of its own: a fresh migrated SQLite store holding the given
// customers, for the suites whose limits and budgets live in the store. One close() for both,
// in the order that matters: the gateway first (its spend writer flushes into the store on
// close), then the store.

import type { CustomerRecord } from '../../src/governance/identity.js';
import type { KyselyStore } from '../../src/store/index.js';
import { startLimitsGateway, type LimitsGateway, type LimitsGatewayOptions } from './limits-gateway.js';
import { openMigratedStore } from './migrated-store.js';

export interface StoreLimitsGateway extends LimitsGateway {
  store: KyselyStore;
}

export interface StoreLimitsGatewayOptions extends Omit<LimitsGatewayOptions, 'store'> {
  /** Written to the store before the gateway starts. */
  customers?: readonly CustomerRecord[];
}

export async function startStoreLimitsGateway(options: StoreLimitsGatewayOptions = {}): Promise<StoreLimitsGateway> {
  const { customers = [], ...gatewayOptions } = options;
  const { store, dispose } = await openMigratedStore();
  for (const customer of customers) await store.upsertCustomer(customer);
  const gateway = await startLimitsGateway({ ...gatewayOptions, store });
  return {
    ...gateway,
    store,
    close: async () => {
      await gateway.close();
      await dispose();
    },
  };
}
