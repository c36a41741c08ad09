// /v1/files (also /files): upload (multipart `file`, `purpose`, and the model group as
// `model` or LiteLLM's `target_model_names`; a batch file without either names its group in
// its lines), list, retrieve, content and delete. Each file lives on the deployment that took
// the upload; a batch file's lines are rewritten to that deployment's model. Reading a batch
// output file's content bills its lines, once.

import { BadRequestError, createFileAttempt, deleteFileAttempt, fileContentAttempt, isUploadFile, parseBatchInput, retrieveFileAttempt, type UploadFile } from 'llmux';
import { clientGone } from '../../http/client-gone.js';
import { readMultipart } from '../../http/read-multipart.js';
import type { RequestContext } from '../../http/request-context.js';
import type { Route } from '../../http/route.js';
import { sendJson } from '../../http/send-json.js';
import { recordUsage } from '../record-routed-call.js';
import { callOn, runFilesBatchesCall, type FilesBatchesDependencies } from './files-batches-call.js';
import type { FilesBatchesRegistry } from './files-batches-registry.js';
import { listRoute, pathId } from './files-batches-replies.js';

/** OpenAI's files list: up to 10,000 a page, which is also its default. */
const MAX_FILES_LIST = 10_000;

export function createFilesRoutes(dependencies: FilesBatchesDependencies, registry: FilesBatchesRegistry): Route[] {
  return [
    { method: 'POST', paths: ['/v1/files', '/files'], handle: (context) => uploadFile(context, dependencies, registry) },
    { method: 'GET', paths: ['/v1/files', '/files'], handle: listRoute(registry, 'file', MAX_FILES_LIST, MAX_FILES_LIST) },
    {
      method: 'GET',
      paths: ['/v1/files/{id}', '/files/{id}'],
      handle: async (context) => {
        const row = await registry.find('file', pathId(context), context.identity, 'read');
        const names = { name: 'file_retrieve', callType: 'afile_retrieve', traceName: 'files' };
        const object = await runFilesBatchesCall(context, dependencies, callOn(row, names, retrieveFileAttempt), async (file) => {
          // The provider's own fields, under the gateway's id; an output file keeps its purpose.
          const shown = { ...row.object, ...file, id: row.id };
          await registry.update(row, shown);
          return shown;
        });
        sendJson(context, 200, JSON.stringify(object));
      },
    },
    {
      method: 'GET',
      paths: ['/v1/files/{id}/content', '/files/{id}/content'],
      handle: async (context) => {
        const row = await registry.find('file', pathId(context), context.identity, 'read');
        const names = { name: 'file_content', callType: 'afile_content', traceName: 'files' };
        const content = await runFilesBatchesCall(context, dependencies, callOn(row, names, fileContentAttempt), async (result) => {
          // Only a batch's output is billed, and only at its first read.
          if (row.object['purpose'] === 'batch_output' && (await registry.markBilled(row))) {
            recordUsage(context, result.priced.usage, result.priced.cost);
            if (result.priced.cost !== null) context.headers['x-litellm-response-cost'] = String(result.priced.cost);
          }
          return result;
        });
        if (clientGone(context.response)) return;
        context.headers['content-type'] = content.contentType;
        context.headers['content-length'] = content.data.length;
        context.response.writeHead(200, context.headers);
        context.response.end(content.data);
      },
    },
    {
      method: 'DELETE',
      paths: ['/v1/files/{id}', '/files/{id}'],
      handle: async (context) => {
        const row = await registry.find('file', pathId(context), context.identity, 'write');
        const names = { name: 'file_delete', callType: 'afile_delete', traceName: 'files' };
        await runFilesBatchesCall(context, dependencies, callOn(row, names, deleteFileAttempt), () => registry.remove(row));
        sendJson(context, 200, JSON.stringify({ id: row.id, object: 'file', deleted: true }));
      },
    },
  ];
}

async function uploadFile(context: RequestContext, dependencies: FilesBatchesDependencies, registry: FilesBatchesRegistry): Promise<void> {
  const form = await readMultipart(context.request, dependencies.bodyLimitBytes);
  const file = form['file'];
  if (!isUploadFile(file)) throw new BadRequestError("Missing required parameter: 'file'.", { param: 'file', code: 'missing_required_parameter' });
  const purpose = form['purpose'];
  if (typeof purpose !== 'string' || purpose === '') throw new BadRequestError("Missing required parameter: 'purpose'.", { param: 'purpose', code: 'missing_required_parameter' });
  const model = modelOf(form, file, purpose);
  const names = { name: 'file_create', callType: 'acreate_file', traceName: 'files' };
  const row = await runFilesBatchesCall(context, dependencies, { names, model, args: { file, purpose }, attempt: createFileAttempt }, (created) =>
    registry.add('file', created, { modelGroup: created.llmux.modelGroup, deploymentId: created.llmux.deploymentId }, context.identity),
  );
  sendJson(context, 200, JSON.stringify(row.object));
}

/**
 * The model group the file is for: the form's `model` or `target_model_names` (one group: a
 * file lives on one deployment), else the one group a batch file's lines all name.
 */
function modelOf(form: Record<string, unknown>, file: UploadFile, purpose: string): string {
  const named = [form['model'], form['target_model_names']].find((value): value is string => typeof value === 'string' && value.trim() !== '');
  const lines = purpose === 'batch' ? parseBatchInput(file.data) : [];
  const inLines = new Set(lines.map((line) => line.body.model));
  if (named !== undefined) {
    const groups = named
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '');
    if (groups.length !== 1)
      throw new BadRequestError('llmux keeps a file on one model group: name exactly one in target_model_names.', { param: 'target_model_names', code: 'invalid_value' });
    const group = groups[0] as string;
    const other = [...inLines].find((model) => model !== group);
    if (other !== undefined)
      throw new BadRequestError(`Every line of a batch file must name the file's model group '${group}', but one names '${other}'.`, { param: 'file', code: 'invalid_batch_file' });
    return group;
  }
  if (inLines.size === 1) return [...inLines][0] as string;
  if (inLines.size > 1)
    throw new BadRequestError(`The lines of a batch file must all name one model group; this one names ${[...inLines].slice(0, 5).join(', ')}.`, {
      param: 'file',
      code: 'invalid_batch_file',
    });
  throw new BadRequestError("Name the model group the file is for: send 'model' (or LiteLLM's 'target_model_names') with the upload.", {
    param: 'model',
    code: 'missing_required_parameter',
  });
}
