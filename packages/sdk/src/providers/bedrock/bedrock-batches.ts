// OpenAI's Files and Batch APIs over Bedrock batch inference, which reads its input from S3
// and writes its output there: an upload is converted to Bedrock records and PUT in the
// deployment's bucket (the file id is its s3:// URI), a batch is a model invocation job on
// it, and the output file is read from S3 and converted back to OpenAI's output lines.

import { randomBytes } from 'node:crypto';
import { BadRequestError, NotFoundError } from '../../errors/error-classes.js';
import type { ChatParameterName } from '../../spec/index.js';
import { deleteS3Object, getS3Object, parseS3Uri, putS3Object, s3ObjectSize, s3Uri, type S3Location } from '../aws/s3-objects.js';
import type { BatchSupport } from '../batch-support.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { createBedrockBatchJob, getBedrockBatchJob, stopBedrockBatchJob } from './bedrock-batch-jobs.js';
import { BATCH_INPUT_PREFIX, BATCH_OUTPUT_PREFIX, batchBucket, batchEncryptionKey, batchRoleArn } from './bedrock-batch-settings.js';
import { convertBedrockBatchOutput } from './convert-bedrock-batch-output.js';
import { convertToBedrockBatchRecords } from './convert-to-bedrock-batch-records.js';
import { parseBedrockModel } from './parse-bedrock-model.js';
import { storedBatchInputFile } from '../stored-batch-file.js';

/** Bedrock names an output object after its input, plus this. */
const OUTPUT_SUFFIX = '.out';

export function createBedrockBatches(supportedParams: ReadonlySet<ChatParameterName>): BatchSupport {
  return {
    async createFile(request, context) {
      if (request.purpose !== 'batch') {
        throw new BadRequestError(`Bedrock takes files for batch inference only (purpose "batch"), not "${request.purpose}"`, { provider: context.provider, param: 'purpose' });
      }
      const location = { bucket: batchBucket(context), key: `${BATCH_INPUT_PREFIX}${randomBytes(16).toString('hex')}.jsonl` };
      const records = convertToBedrockBatchRecords(request.file.data, parseBedrockModel(context.model).modelId, supportedParams);
      await putS3Object(location, records, 'application/jsonl', context);
      return storedBatchInputFile(s3Uri(location), request.file);
    },
    async retrieveFile(fileId, context) {
      const location = locate(fileId, context);
      // Read either way, so a file removed from the bucket behind the gateway's back is a 404.
      const bytes = await s3ObjectSize(location, context);
      // An input file keeps the caller's name, purpose and size as uploaded (the gateway holds them; the bucket holds
      // the converted records); an output file is named and sized by Bedrock.
      return isOutput(location)
        ? { id: fileId, object: 'file', bytes, filename: basename(location), purpose: 'batch_output', status: 'processed' }
        : { id: fileId, object: 'file' };
    },
    async fileContent(fileId, context) {
      const location = locate(fileId, context);
      const data = await getS3Object(location, context);
      // An input file reads back as the Bedrock records it was converted to, which is what the job ran.
      return isOutput(location) ? { data: convertBedrockBatchOutput(data), contentType: 'application/jsonl' } : { data, contentType: 'application/jsonl' };
    },
    async deleteFile(fileId, context) {
      await deleteS3Object(locate(fileId, context), context);
      return { id: fileId, object: 'file', deleted: true };
    },
    createBatch(request, context) {
      const bucket = batchBucket(context);
      locate(request.input_file_id, context);
      return createBedrockBatchJob(
        {
          request,
          modelId: parseBedrockModel(context.model).modelId,
          roleArn: batchRoleArn(context),
          outputUri: `s3://${bucket}/${BATCH_OUTPUT_PREFIX}`,
          encryptionKeyId: batchEncryptionKey(context),
        },
        context,
      );
    },
    retrieveBatch: (batchId, context) => getBedrockBatchJob(batchId, context),
    async cancelBatch(batchId, context) {
      await stopBedrockBatchJob(batchId, context);
      return getBedrockBatchJob(batchId, context);
    },
  };
}

function locate(fileId: string, context: ProviderCallContext): S3Location {
  const location = parseS3Uri(fileId);
  if (location === undefined) throw new NotFoundError(`No such File object: ${fileId}`, { provider: context.provider, param: 'file_id' });
  return location;
}

function isOutput(location: S3Location): boolean {
  return location.key.endsWith(OUTPUT_SUFFIX);
}

function basename(location: S3Location): string {
  return location.key.slice(location.key.lastIndexOf('/') + 1);
}
