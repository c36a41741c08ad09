// OpenAI's Files and Batch APIs over Vertex AI batch prediction for Gemini, which reads its
// input from Cloud Storage and writes its output there: an upload is converted to Vertex
// request lines and written to the deployment's bucket (the file id is its gs:// URI), with
// the caller's custom_ids beside it; a batch is a batchPredictionJob on it; the output file
// is the directory Vertex wrote, read back and converted to OpenAI's output lines.

import { randomBytes } from 'node:crypto';
import { BadRequestError, NotFoundError } from '../../errors/error-classes.js';
import type { ChatParameterName } from '../../spec/index.js';
import type { BatchSupport } from '../batch-support.js';
import type { GeminiEndpoint } from '../gemini/send-gemini-request.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { resolveVertexEndpoint } from './resolve-vertex-endpoint.js';
import { resolveVertexSettings, type VertexSettings } from './resolve-vertex-settings.js';
import { deleteGcsObject, downloadGcsObject, gcsObjectSize, gsUri, listGcsObjects, parseGsUri, uploadGcsObject, type GcsLocation } from './vertex-batch-gcs.js';
import { cancelVertexBatchJob, createVertexBatchJob, getVertexBatchJob } from './vertex-batch-jobs.js';
import { convertVertexBatchOutput } from './vertex-batch-output.js';
import { convertToVertexBatchRecords } from './vertex-batch-records.js';
import { checkVertexBatchModel, VERTEX_BATCH_INPUT_PREFIX, VERTEX_BATCH_OUTPUT_PREFIX, vertexBatchBucket } from './vertex-batch-settings.js';
import { withTokenRetirement } from './vertex-publisher.js';
import { storedBatchInputFile } from '../stored-batch-file.js';

/** Beside each input, the caller's custom_ids in line order (Vertex has no record id). */
const CUSTOM_IDS_SUFFIX = '.custom_ids.json';
const INPUT_NAME = new RegExp(`^${VERTEX_BATCH_INPUT_PREFIX}([0-9a-f]{32})\\.jsonl$`);
const OUTPUT_NAME = new RegExp(`^${VERTEX_BATCH_OUTPUT_PREFIX}([0-9a-f]{32})/[^/]+$`);
/** Vertex names Gemini's prediction files `predictions.jsonl` (or numbered, for a large job). */
const PREDICTIONS_FILE = /\/predictions[^/]*\.jsonl$/;

type Run<Result> = (settings: VertexSettings, endpoint: GeminiEndpoint) => Promise<Result>;

export function createVertexBatches(supportedParams: ReadonlySet<ChatParameterName>): BatchSupport {
  return {
    createFile(request, context) {
      // What the deployment and the file lack is refused before any credential is read or token fetched.
      if (request.purpose !== 'batch') {
        throw new BadRequestError(`Vertex AI takes files for batch prediction only (purpose "batch"), not "${request.purpose}"`, { provider: context.provider, param: 'purpose' });
      }
      checkVertexBatchModel(context);
      const bucket = vertexBatchBucket(context);
      const { records, customIds } = convertToVertexBatchRecords(request.file.data, supportedParams);
      const name = `${VERTEX_BATCH_INPUT_PREFIX}${randomBytes(16).toString('hex')}.jsonl`;
      return withVertex(context, async (_settings, auth) => {
        await uploadGcsObject({ bucket, name: `${name}${CUSTOM_IDS_SUFFIX}` }, Buffer.from(JSON.stringify(customIds)), 'application/json', auth, context);
        await uploadGcsObject({ bucket, name }, records, 'application/jsonl', auth, context);
        return storedBatchInputFile(gsUri({ bucket, name }), request.file);
      });
    },
    retrieveFile: (fileId, context) =>
      withVertex(context, async (_settings, auth) => {
        const file = locate(fileId, context);
        if (file.kind === 'input') {
          // Read either way, so a file removed from the bucket behind the gateway's back is a 404; the gateway keeps the uploaded name and size.
          await gcsObjectSize(file.location, auth, context);
          return { id: fileId, object: 'file' };
        }
        const predictions = await predictionFiles(file.location, auth, context);
        const bytes = predictions.reduce((sum, object) => sum + object.size, 0);
        return { id: fileId, object: 'file', bytes, filename: 'predictions.jsonl', purpose: 'batch_output', status: 'processed' };
      }),
    fileContent: (fileId, context) =>
      withVertex(context, async (_settings, auth) => {
        const file = locate(fileId, context);
        // An input file reads back as the Vertex request lines it was converted to, which is what the job ran.
        if (file.kind === 'input') return { data: await downloadGcsObject(file.location, auth, context), contentType: 'application/jsonl' };
        const predictions = await predictionFiles(file.location, auth, context);
        const data = await Promise.all(predictions.map((object) => downloadGcsObject({ bucket: file.location.bucket, name: object.name }, auth, context)));
        const customIds = await readCustomIds({ bucket: file.location.bucket, name: `${VERTEX_BATCH_INPUT_PREFIX}${file.inputId}.jsonl${CUSTOM_IDS_SUFFIX}` }, auth, context);
        return { data: convertVertexBatchOutput(data, customIds, context.model), contentType: 'application/jsonl' };
      }),
    deleteFile: (fileId, context) =>
      withVertex(context, async (_settings, auth) => {
        const file = locate(fileId, context);
        const names =
          file.kind === 'input'
            ? [file.location.name, `${file.location.name}${CUSTOM_IDS_SUFFIX}`]
            : (await listGcsObjects(file.location.bucket, `${file.location.name}/`, auth, context)).map((object) => object.name);
        for (const name of names) await deleteGcsObject({ bucket: file.location.bucket, name }, auth, context);
        return { id: fileId, object: 'file', deleted: true };
      }),
    createBatch(request, context) {
      checkVertexBatchModel(context);
      const bucket = vertexBatchBucket(context);
      const input = locate(request.input_file_id, context);
      if (input.kind !== 'input') throw new BadRequestError('a batch runs on an uploaded input file, not an output', { provider: context.provider, param: 'input_file_id' });
      const outputUriPrefix = gsUri({ bucket, name: `${VERTEX_BATCH_OUTPUT_PREFIX}${input.inputId}/` });
      return withVertex(context, (settings, endpoint) => createVertexBatchJob({ request, model: context.model, outputUriPrefix }, settings, endpoint, context));
    },
    retrieveBatch: (batchId, context) => withVertex(context, (settings, endpoint) => getVertexBatchJob(batchId, settings, endpoint, context)),
    cancelBatch: (batchId, context) =>
      withVertex(context, async (settings, endpoint) => {
        await cancelVertexBatchJob(batchId, settings, endpoint, context);
        return getVertexBatchJob(batchId, settings, endpoint, context);
      }),
  };
}

async function withVertex<Result>(context: ProviderCallContext, run: Run<Result>): Promise<Result> {
  const settings = await resolveVertexSettings(context);
  return withTokenRetirement(settings, async () => run(settings, await resolveVertexEndpoint(context, settings, 'google')));
}

type LocatedFile = { kind: 'input' | 'output'; location: GcsLocation; inputId: string };

/** An input object llmux wrote, or an output directory Vertex wrote for one; anything else is no file of ours. */
function locate(fileId: string, context: ProviderCallContext): LocatedFile {
  const location = parseGsUri(fileId);
  const input = location === undefined ? null : INPUT_NAME.exec(location.name);
  if (location !== undefined && input !== null) return { kind: 'input', location, inputId: input[1] as string };
  const output = location === undefined ? null : OUTPUT_NAME.exec(location.name.replace(/\/+$/, ''));
  if (location !== undefined && output !== null) return { kind: 'output', location: { ...location, name: location.name.replace(/\/+$/, '') }, inputId: output[1] as string };
  throw new NotFoundError(`No such File object: ${fileId}`, { provider: context.provider, param: 'file_id' });
}

async function predictionFiles(directory: GcsLocation, auth: GeminiEndpoint, context: ProviderCallContext): Promise<Array<{ name: string; size: number }>> {
  const objects = (await listGcsObjects(directory.bucket, `${directory.name}/`, auth, context)).filter((object) => PREDICTIONS_FILE.test(object.name));
  if (objects.length === 0) throw new NotFoundError(`No predictions under ${gsUri(directory)}`, { provider: context.provider, param: 'file_id' });
  return objects.sort((a, b) => a.name.localeCompare(b.name));
}

async function readCustomIds(location: GcsLocation, auth: GeminiEndpoint, context: ProviderCallContext): Promise<string[]> {
  const text = (await downloadGcsObject(location, auth, context)).toString('utf8');
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed)) return parsed.filter((id): id is string => typeof id === 'string');
  } catch {
    // Handled below: lines without a known custom_id are named by their place in the output.
  }
  context.warnings.push(`the custom_ids kept beside the batch input (${gsUri(location)}) are unreadable; output lines are named output-line-<n>`);
  return [];
}
