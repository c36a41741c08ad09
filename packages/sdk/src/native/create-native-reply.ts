// Builds the NativeReply of a sent call: a JSON body read whole (its bytes kept, usage read
// from them), or a stream opened up to its first content. Cost is the caller's to add.

import { isLlmuxError } from '../errors/to-openai-error-body.js';
import type { WholeResponse } from '../http/collect-response.js';
import { toConnectionError, type HttpResponse } from '../http/http-client.js';
import type { ProviderCallContext } from '../providers/provider-adapter.js';
import type { ResponseMetadata } from '../response-metadata.js';
import { DIALECT_READERS, type DialectReader } from './dialect-readers.js';
import type { Dialect } from './dialect.js';
import { NativeStream } from './native-stream.js';
import type { NativeJsonReply, NativeStreamReply } from './native-support.js';
import { BadRequestError } from '../errors/error-classes.js';

/** A reply read whole (sendProviderRequestWhole) is used as it is; a streamed body is read first. */
export async function createNativeJsonReply(
  response: HttpResponse | WholeResponse,
  dialect: Dialect,
  context: ProviderCallContext,
  headers: Record<string, string>,
): Promise<NativeJsonReply> {
  const reader = readerOf(dialect, context);
  const body = Buffer.isBuffer(response.body) ? response.body : await readWhole(response.body, context);
  const usage = reader.readJsonUsage(body);
  const llmux = metadataOf(context);
  if (usage === undefined) llmux.warnings.push(`${context.provider} reply carried no usage; the call is not priced`);
  return { kind: 'json', status: response.status, headers, body, usage, llmux };
}

async function readWhole(body: HttpResponse['body'], context: ProviderCallContext): Promise<Buffer> {
  try {
    return Buffer.from(await body.arrayBuffer());
  } catch (error) {
    throw isLlmuxError(error) ? error : toConnectionError(error, context);
  }
}

export function openNativeStreamReply(
  source: AsyncIterator<Buffer>,
  status: number,
  dialect: Dialect,
  context: ProviderCallContext,
  secrets: ReadonlyArray<string | undefined>,
  headers: Record<string, string>,
): Promise<NativeStreamReply> {
  const watcher = readerOf(dialect, context).createStreamWatcher({ provider: context.provider, model: context.model, secrets });
  return NativeStream.open(status, headers, metadataOf(context), source, watcher);
}

function readerOf(dialect: Dialect, context: ProviderCallContext): DialectReader {
  const reader = DIALECT_READERS[dialect];
  if (reader === undefined) {
    throw new BadRequestError(`llmux cannot pass ${dialect} calls through yet`, { provider: context.provider, model: context.model, code: 'dialect_not_native' });
  }
  return reader;
}

function metadataOf(context: ProviderCallContext): ResponseMetadata {
  return { provider: context.provider, model: context.model, cost: null, warnings: context.warnings };
}
