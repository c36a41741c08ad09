// What Vertex AI batch prediction needs from the deployment, under LiteLLM's names: the
// Cloud Storage bucket that holds inputs and outputs (`gcs_bucket_name`, or the older
// `bucket_name`; else GCS_BATCH_BUCKET_NAME), beside the project, location and credentials
// every Vertex call uses. A missing bucket is a 400 naming the field, before anything is sent.

import { BadRequestError } from '../../errors/error-classes.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { isPartnerModel } from './vertex-partner-chat.js';
import { publisherOf } from './vertex-publisher.js';

/** Where llmux writes inputs and asks Vertex to write outputs, inside the bucket. */
export const VERTEX_BATCH_INPUT_PREFIX = 'llmux-batch/input/';
export const VERTEX_BATCH_OUTPUT_PREFIX = 'llmux-batch/output/';

export function vertexBatchBucket(context: ProviderCallContext): string {
  for (const name of ['gcs_bucket_name', 'bucket_name']) {
    const value = context.settings[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  const env = process.env['GCS_BATCH_BUCKET_NAME'];
  if (env !== undefined && env !== '') return env;
  throw new BadRequestError(
    "Vertex AI batch prediction needs gcs_bucket_name (the Cloud Storage bucket it reads its input from and writes its output to) in the deployment's litellm_params, or GCS_BATCH_BUCKET_NAME",
    { provider: context.provider, model: context.model, param: 'gcs_bucket_name', code: 'batch_not_configured' },
  );
}

/** llmux runs Gemini batches (the google publisher); Claude and partner models on Vertex are refused by name. */
export function checkVertexBatchModel(context: ProviderCallContext): void {
  if (!isPartnerModel(context.model) && publisherOf(context.model) === 'google') return;
  throw new BadRequestError(`llmux runs Vertex AI batch prediction for Gemini models; "${context.model}" is not one`, {
    provider: context.provider,
    model: context.model,
    param: 'model',
    code: 'unsupported_operation',
  });
}
