export type * from './store.js';
export { createStore, type KyselyStore } from './create-store.js';
export { SchemaTooNewError, LATEST_SCHEMA_VERSION } from './migrate.js';
