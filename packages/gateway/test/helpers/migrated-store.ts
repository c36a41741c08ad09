// A fresh store with its schema in place (SQLite in a temp folder unless a backend is given),
// and one dispose() that closes the store before removing the files or database under it.

import { createStore, type KyselyStore } from '../../src/store/index.js';
import { sqliteBackend, type Backend } from './store-backends.js';

export interface MigratedStore {
  store: KyselyStore;
  dispose(): Promise<void>;
}

export async function openMigratedStore(backend: Backend = sqliteBackend()): Promise<MigratedStore> {
  const store = createStore(backend.options);
  await store.migrate();
  return {
    store,
    dispose: async () => {
      await store.close();
      await backend.cleanup();
    },
  };
}
