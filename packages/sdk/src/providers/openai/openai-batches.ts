// Files and batches on OpenAI-format upstreams (OpenAI, Azure): the upload as multipart
// (the file's bytes written as held), JSON for the rest, and a file's content read whole
// (batch files are bounded by the caller's body limit and OpenAI's own 200 MB).

import { z } from 'zod';
import { encodeMultipart } from '../../http/encode-multipart.js';
import type { BatchObject, BatchSupport, FileObject } from '../batch-support.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import type { OpenAIProviderConfig } from './openai-provider-config.js';
import { parseOpenAIBody } from './parse-openai-body.js';
import { sendOpenAIRequest, type OpenAIRequestSpec } from './send-openai-request.js';

const fileSchema = z.looseObject({ id: z.string(), object: z.string() });
const batchSchema = z.looseObject({ id: z.string(), object: z.string(), status: z.string() });
const deletedSchema = z.looseObject({ id: z.string(), deleted: z.boolean() });

export function createOpenAIBatches(config: OpenAIProviderConfig): BatchSupport {
  const json = async <Schema extends z.ZodType>(spec: OpenAIRequestSpec, schema: Schema, context: ProviderCallContext, what: string): Promise<z.output<Schema>> =>
    parseOpenAIBody(await sendOpenAIRequest(config, spec, context), schema, context, what);
  const batch = (spec: OpenAIRequestSpec, context: ProviderCallContext): Promise<BatchObject> => json(spec, batchSchema, context, 'a batch') as Promise<BatchObject>;
  const file = (spec: OpenAIRequestSpec, context: ProviderCallContext): Promise<FileObject> => json(spec, fileSchema, context, 'a file') as Promise<FileObject>;
  const at = (collection: string, id: string, tail = ''): string => `/${collection}/${encodeURIComponent(id)}${tail}`;
  return {
    createFile: (request, context) => file({ path: '/files', method: 'POST', multipart: encodeMultipart(request), stream: false }, context),
    retrieveFile: (fileId, context) => file({ path: at('files', fileId), method: 'GET', stream: false }, context),
    async fileContent(fileId, context) {
      const call = await sendOpenAIRequest(config, { path: at('files', fileId, '/content'), method: 'GET', stream: false }, context);
      const type = call.response.headers['content-type'];
      return { data: Buffer.from(await call.response.body.arrayBuffer()), contentType: typeof type === 'string' ? type : 'application/octet-stream' };
    },
    deleteFile: (fileId, context) => json({ path: at('files', fileId), method: 'DELETE', stream: false }, deletedSchema, context, 'a deleted file'),
    createBatch: (request, context) => batch({ path: '/batches', method: 'POST', body: JSON.stringify(request), stream: false }, context),
    retrieveBatch: (batchId, context) => batch({ path: at('batches', batchId), method: 'GET', stream: false }, context),
    cancelBatch: (batchId, context) => batch({ path: at('batches', batchId, '/cancel'), method: 'POST', stream: false }, context),
  };
}
