// What Bedrock batch inference needs from the deployment, under LiteLLM's names: the bucket
// that holds input and output (`s3_bucket_name`), and the IAM role Bedrock assumes to read
// and write it (`aws_batch_role_arn`); optionally a KMS key for the output
// (`s3_encryption_key_id`). A missing one is a 400 naming it, before anything is sent.

import { BadRequestError } from '../../errors/error-classes.js';
import type { ProviderCallContext } from '../provider-adapter.js';

/** Where llmux writes inputs and where it asks Bedrock to write outputs, inside the bucket. */
export const BATCH_INPUT_PREFIX = 'llmux-batch/input/';
export const BATCH_OUTPUT_PREFIX = 'llmux-batch/output/';

export function batchBucket(context: ProviderCallContext): string {
  return required(context, 's3_bucket_name', 'the S3 bucket Bedrock batch inference reads its input from and writes its output to');
}

export function batchRoleArn(context: ProviderCallContext): string {
  return required(context, 'aws_batch_role_arn', 'the IAM role Bedrock assumes to read and write the batch bucket');
}

export function batchEncryptionKey(context: ProviderCallContext): string | undefined {
  const value = context.settings['s3_encryption_key_id'];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function required(context: ProviderCallContext, name: string, what: string): string {
  const value = context.settings[name];
  if (typeof value === 'string' && value !== '') return value;
  throw new BadRequestError(`Bedrock batch inference needs ${name} (${what}) in the deployment's litellm_params`, {
    provider: context.provider,
    model: context.model,
    param: name,
    code: 'batch_not_configured',
  });
}
