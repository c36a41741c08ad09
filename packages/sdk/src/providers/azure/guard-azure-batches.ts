// Azure's files and batches calls under the same guard as its chat calls: an Entra ID token
// the upstream refused is evicted, so that the next call fetches a fresh one.

import type { BatchSupport } from '../batch-support.js';
import type { ProviderCallContext } from '../provider-adapter.js';

type Guard = <Result>(context: ProviderCallContext, call: () => Promise<Result>) => Promise<Result>;

export function guardBatches(batches: BatchSupport, guard: Guard): BatchSupport {
  return {
    createFile: (request, context) => guard(context, () => batches.createFile(request, context)),
    retrieveFile: (id, context) => guard(context, () => batches.retrieveFile(id, context)),
    fileContent: (id, context) => guard(context, () => batches.fileContent(id, context)),
    deleteFile: (id, context) => guard(context, () => batches.deleteFile(id, context)),
    createBatch: (request, context) => guard(context, () => batches.createBatch(request, context)),
    retrieveBatch: (id, context) => guard(context, () => batches.retrieveBatch(id, context)),
    cancelBatch: (id, context) => guard(context, () => batches.cancelBatch(id, context)),
  };
}
