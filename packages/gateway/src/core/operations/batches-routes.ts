// /v1/batches (also /batches): create from an uploaded file (on the deployment holding it,
// so the batch runs on the model the file's lines were rewritten to), retrieve, cancel and
// list. Batch objects name the gateway's file ids: a batch's output and error files are
// added to the caller's files the first time a batch names them.

import { cancelBatchAttempt, createBatchAttempt, retrieveBatchAttempt, type BatchObject } from 'llmux';
import { z } from 'zod';
import { parseJsonBody } from '../../http/parse-json-body.js';
import { readBody } from '../../http/read-body.js';
import type { Route } from '../../http/route.js';
import { sendJson } from '../../http/send-json.js';
import { validateBody } from '../../routes/validate-body.js';
import type { FileBatchRow } from '../../store/store.js';
import { callOn, runFilesBatchesCall, type FilesBatchesDependencies } from './files-batches-call.js';
import type { FilesBatchesRegistry } from './files-batches-registry.js';
import { listRoute, pathId } from './files-batches-replies.js';

const createBatchSchema = z.looseObject({
  input_file_id: z.string().min(1),
  endpoint: z.enum(['/v1/chat/completions', '/v1/embeddings', '/v1/responses', '/v1/completions']),
  completion_window: z.string().min(1).default('24h'),
  metadata: z.record(z.string(), z.string()).nullish(),
});

/** OpenAI's batches list: 20 a page unless asked, at most 100. */
const DEFAULT_LIST_LIMIT = 20;
const MAX_LIST_LIMIT = 100;

export function createBatchesRoutes(dependencies: FilesBatchesDependencies, registry: FilesBatchesRegistry): Route[] {
  /** The batch as the caller sees it: the gateway's ids for it and its files. */
  const shown = async (batch: BatchObject, row: Pick<FileBatchRow, 'id'>, owner: FileBatchRow, inputFileId: string): Promise<Record<string, unknown>> => ({
    ...batch,
    id: row.id,
    input_file_id: inputFileId,
    output_file_id: await registry.fileIdFor(batch['output_file_id'], owner),
    error_file_id: await registry.fileIdFor(batch['error_file_id'], owner),
  });

  const follow =
    (action: 'retrieve' | 'cancel'): Route['handle'] =>
    async (context) => {
      const row = await registry.find('batch', pathId(context), context.identity, action === 'retrieve' ? 'read' : 'write');
      const names =
        action === 'retrieve'
          ? { name: 'batch_retrieve', callType: 'aretrieve_batch', traceName: 'batches' }
          : { name: 'batch_cancel', callType: 'acancel_batch', traceName: 'batches' };
      const attempt = action === 'retrieve' ? retrieveBatchAttempt : cancelBatchAttempt;
      const object = await runFilesBatchesCall(context, dependencies, callOn(row, names, attempt), async (batch) => {
        // A provider that keeps no metadata (Bedrock) answers none: the caller's, as created, stays.
        const withMetadata = { ...batch, metadata: batch['metadata'] ?? row.object['metadata'] ?? null };
        const next = await shown(withMetadata, row, row, String(row.object['input_file_id'] ?? ''));
        await registry.update(row, next);
        return next;
      });
      sendJson(context, 200, JSON.stringify(object));
    };

  return [
    {
      method: 'POST',
      paths: ['/v1/batches', '/batches'],
      handle: async (context) => {
        const body = validateBody(createBatchSchema, parseJsonBody(await readBody(context.request, dependencies.bodyLimitBytes))) as z.output<typeof createBatchSchema>;
        const file = await registry.find('file', body.input_file_id, context.identity, 'read');
        const names = { name: 'batch_create', callType: 'acreate_batch', traceName: 'batches' };
        const args = { input_file_id: file.upstream_id, endpoint: body.endpoint, completion_window: body.completion_window, metadata: body.metadata ?? undefined };
        const object = await runFilesBatchesCall(context, dependencies, callOn(file, names, createBatchAttempt, args), async (batch) => {
          const row = await registry.add('batch', batch, { modelGroup: file.model_group, deploymentId: file.deployment_id }, context.identity);
          const next = await shown(batch, row, row, file.id);
          await registry.update(row, next);
          return next;
        });
        sendJson(context, 200, JSON.stringify(object));
      },
    },
    { method: 'GET', paths: ['/v1/batches', '/batches'], handle: listRoute(registry, 'batch', DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT) },
    { method: 'GET', paths: ['/v1/batches/{id}', '/batches/{id}'], handle: follow('retrieve') },
    { method: 'POST', paths: ['/v1/batches/{id}/cancel', '/batches/{id}/cancel'], handle: follow('cancel') },
  ];
}
