// Files and batches (OpenAI's Files and Batch APIs) on the providers that serve them:
// `createFile()`, `retrieveFile()`, `fileContent()`, `deleteFile()`, `createBatch()`,
// `retrieveBatch()`, `cancelBatch()`. Each takes the model (`openai/gpt-4o-mini`, or a model
// group through `Router.call(params, createBatchAttempt)`) to know which deployment holds the
// file or batch. A batch input file's lines name the model as the caller knows it; the upload
// rewrites them to the deployment's model. An output file's content is priced per line.

import type { CallOptions } from './call-options.js';
import { parseBatchInput, priceBatchOutput, rewriteBatchModels, type BatchOutputUsage } from './batch-lines.js';
import { BadRequestError } from './errors/error-classes.js';
import type { BatchObject, BatchSupport, CreateBatchRequest, FileContent, FileObject } from './providers/batch-support.js';
import type { ProviderCallContext } from './providers/provider-adapter.js';
import { resolveOffering } from './resolve-offering.js';
import { attachMetadata, type ResponseMetadata } from './response-metadata.js';
import type { RouterTarget } from './router/router.js';
import { createCallContext, splitCall, type SplitCall } from './split-call.js';
import type { PriceOverrides } from './cost/price-overrides.js';
import type { UploadFile } from './upload-file.js';

export type FileResult = FileObject & { readonly llmux: ResponseMetadata };
export type BatchResult = BatchObject & { readonly llmux: ResponseMetadata };
export type DeletedFileResult = Record<string, unknown> & { readonly llmux: ResponseMetadata };
/** A file's bytes; for a batch output file, its lines' usage and cost (also in `llmux.cost`). */
export type FileContentResult = FileContent & { readonly priced: BatchOutputUsage; readonly usage: { total_tokens: number }; readonly llmux: ResponseMetadata };

export type CreateFileParams = {
  model: string;
  file: UploadFile;
  purpose: string;
};
export type FileIdParams = {
  model: string;
  file_id: string;
};
export type BatchIdParams = {
  model: string;
  batch_id: string;
};
export type CreateBatchParams = CreateBatchRequest & { model: string };

export const BATCH_BODY_KEYS: ReadonlySet<string> = new Set<string>([
  'model',
  'file',
  'purpose',
  'file_id',
  'batch_id',
  'input_file_id',
  'endpoint',
  'completion_window',
  'metadata',
]);

interface Resolved {
  batches: BatchSupport;
  context: ProviderCallContext;
  provider: string;
  model: string;
  prices: PriceOverrides;
}

function resolve({ body, options, settings, prices }: SplitCall<{ model: string }>): Resolved {
  const { adapter, reference } = resolveOffering(body.model, 'batches', 'files and batches', options, 'unsupported_operation');
  return {
    batches: adapter.batches,
    context: createCallContext(reference.provider, reference.model, options, settings, false),
    provider: reference.provider,
    model: reference.model,
    prices,
  };
}

async function run<T extends object>(
  call: SplitCall<{ model: string }>,
  act: (resolved: Resolved) => Promise<T>,
  cost?: (result: T, resolved: Resolved) => number | null,
): Promise<T & { readonly llmux: ResponseMetadata }> {
  const resolved = resolve(call);
  const startedAt = performance.now();
  const result = await act(resolved);
  return attachMetadata(result, {
    provider: resolved.provider,
    model: resolved.model,
    cost: cost === undefined ? 0 : cost(result, resolved),
    warnings: resolved.context.warnings,
    durationMs: performance.now() - startedAt,
  });
}

function textOf(value: unknown, name: string): string {
  if (typeof value === 'string' && value !== '') return value;
  throw new BadRequestError(`${name} is required`, { param: name });
}

function createFileCall(call: SplitCall<{ model: string } & Partial<CreateFileParams>>): Promise<FileResult> {
  return run(call, ({ batches, context, model }) => {
    const { file, purpose } = call.body;
    if (file === undefined) throw new BadRequestError('file is required', { param: 'file' });
    const upload = textOf(purpose, 'purpose') === 'batch' ? { ...file, data: rewriteBatchModels(parseBatchInput(file.data), model) } : file;
    return batches.createFile({ file: upload, purpose: purpose as string }, context);
  });
}

function retrieveFileCall(call: SplitCall<{ model: string; file_id?: unknown }>): Promise<FileResult> {
  return run(call, ({ batches, context }) => batches.retrieveFile(textOf(call.body.file_id, 'file_id'), context));
}

function fileContentCall(call: SplitCall<{ model: string; file_id?: unknown }>): Promise<FileContentResult> {
  let priced: BatchOutputUsage | undefined;
  return run(
    call,
    async ({ batches, context, provider, model, prices }) => {
      const content = await batches.fileContent(textOf(call.body.file_id, 'file_id'), context);
      priced = priceBatchOutput(provider, model, content.data, prices);
      return { ...content, priced, usage: { total_tokens: priced.usage.total_tokens } };
    },
    () => priced?.cost ?? null,
  );
}

function deleteFileCall(call: SplitCall<{ model: string; file_id?: unknown }>): Promise<DeletedFileResult> {
  return run(call, ({ batches, context }) => batches.deleteFile(textOf(call.body.file_id, 'file_id'), context));
}

function createBatchCall(call: SplitCall<{ model: string } & Partial<CreateBatchRequest>>): Promise<BatchResult> {
  return run(call, ({ batches, context }) => {
    const { input_file_id, endpoint, completion_window, metadata } = call.body;
    const request: CreateBatchRequest = {
      input_file_id: textOf(input_file_id, 'input_file_id'),
      endpoint: textOf(endpoint, 'endpoint'),
      completion_window: completion_window ?? '24h',
    };
    if (metadata !== undefined && metadata !== null) request.metadata = metadata;
    return batches.createBatch(request, context);
  });
}

function retrieveBatchCall(call: SplitCall<{ model: string; batch_id?: unknown }>): Promise<BatchResult> {
  return run(call, ({ batches, context }) => batches.retrieveBatch(textOf(call.body.batch_id, 'batch_id'), context));
}

function cancelBatchCall(call: SplitCall<{ model: string; batch_id?: unknown }>): Promise<BatchResult> {
  return run(call, ({ batches, context }) => batches.cancelBatch(textOf(call.body.batch_id, 'batch_id'), context));
}

type Params<T> = T & CallOptions;

export const createFile = (params: Params<CreateFileParams>): Promise<FileResult> => createFileCall(splitCall(params, BATCH_BODY_KEYS));
export const retrieveFile = (params: Params<FileIdParams>): Promise<FileResult> => retrieveFileCall(splitCall(params, BATCH_BODY_KEYS));
export const fileContent = (params: Params<FileIdParams>): Promise<FileContentResult> => fileContentCall(splitCall(params, BATCH_BODY_KEYS));
export const deleteFile = (params: Params<FileIdParams>): Promise<DeletedFileResult> => deleteFileCall(splitCall(params, BATCH_BODY_KEYS));
export const createBatch = (params: Params<CreateBatchParams>): Promise<BatchResult> => createBatchCall(splitCall(params, BATCH_BODY_KEYS));
export const retrieveBatch = (params: Params<BatchIdParams>): Promise<BatchResult> => retrieveBatchCall(splitCall(params, BATCH_BODY_KEYS));
export const cancelBatch = (params: Params<BatchIdParams>): Promise<BatchResult> => cancelBatchCall(splitCall(params, BATCH_BODY_KEYS));

/** Router attempts: `router.call({ model: group, ...args }, createBatchAttempt)`, and so on. */
export const createFileAttempt = (target: RouterTarget, rest: object): Promise<FileResult> => createFileCall(target.split(rest, BATCH_BODY_KEYS));
export const retrieveFileAttempt = (target: RouterTarget, rest: object): Promise<FileResult> => retrieveFileCall(target.split(rest, BATCH_BODY_KEYS));
export const fileContentAttempt = (target: RouterTarget, rest: object): Promise<FileContentResult> => fileContentCall(target.split(rest, BATCH_BODY_KEYS));
export const deleteFileAttempt = (target: RouterTarget, rest: object): Promise<DeletedFileResult> => deleteFileCall(target.split(rest, BATCH_BODY_KEYS));
export const createBatchAttempt = (target: RouterTarget, rest: object): Promise<BatchResult> => createBatchCall(target.split(rest, BATCH_BODY_KEYS));
export const retrieveBatchAttempt = (target: RouterTarget, rest: object): Promise<BatchResult> => retrieveBatchCall(target.split(rest, BATCH_BODY_KEYS));
export const cancelBatchAttempt = (target: RouterTarget, rest: object): Promise<BatchResult> => cancelBatchCall(target.split(rest, BATCH_BODY_KEYS));
