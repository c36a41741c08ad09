export type * from './store.js';
export { createStore, DEFAULT_HOME, type KyselyStore, type StoreOptions } from './create-store.js';
export { SchemaTooNewError, LATEST_SCHEMA_VERSION } from './migrate.js';
