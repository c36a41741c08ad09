// Vertex AI batch prediction (`batchPredictionJobs`) reads its input from and writes its
// output to Cloud Storage or BigQuery; llmux does not write either yet. Every files and
// batches call on a Vertex deployment is refused with that reason, rather than the generic
// "does not offer files and batches", so the caller knows it is a gap, not a mistake.

import { BadRequestError } from '../../errors/error-classes.js';
import type { BatchSupport } from '../batch-support.js';
import type { ProviderCallContext } from '../provider-adapter.js';

function refuse(context: ProviderCallContext): never {
  throw new BadRequestError(
    'Vertex AI batch prediction reads and writes Cloud Storage or BigQuery, which llmux does not write yet; run batches on an OpenAI, Azure or Bedrock deployment',
    { provider: context.provider, model: context.model, param: 'model', code: 'unsupported_operation' },
  );
}

export const VERTEX_BATCHES_REFUSED: BatchSupport = {
  createFile: (_request, context) => refuse(context),
  retrieveFile: (_id, context) => refuse(context),
  fileContent: (_id, context) => refuse(context),
  deleteFile: (_id, context) => refuse(context),
  createBatch: (_request, context) => refuse(context),
  retrieveBatch: (_id, context) => refuse(context),
  cancelBatch: (_id, context) => refuse(context),
};
