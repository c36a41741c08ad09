// The /v1/files and /v1/batches routes, over one registry of the gateway's ids in the store.

import type { Route } from '../../http/route.js';
import { createBatchesRoutes } from './batches-routes.js';
import type { FilesBatchesDependencies } from './files-batches-call.js';
import { FilesBatchesRegistry } from './files-batches-registry.js';
import { createFilesRoutes } from './files-routes.js';

export function createFilesBatchesRoutes(dependencies: FilesBatchesDependencies): Route[] {
  const registry = new FilesBatchesRegistry(dependencies.store);
  return [...createFilesRoutes(dependencies, registry), ...createBatchesRoutes(dependencies, registry)];
}
