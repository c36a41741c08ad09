// `completion()`: one OpenAI-format call to any provider. Resolves the provider, checks
// parameters, prepares structured output, calls the adapter, and attaches cost.

import type { ZodType } from 'zod';
import type { CallOptions } from './call-options.js';
import { CompletionStream, primeStream } from './completion-stream.js';
import { computeCost } from './cost/compute-cost.js';
import { checkParams } from './params/check-params.js';
import { getDefaultProviderRegistry } from './providers/provider-registry.js';
import { attachMetadata, type ResponseMetadata } from './response-metadata.js';
import { createCallContext, splitCall, type SplitCall } from './split-call.js';
import type { ChatCompletion, ChatCompletionRequest, ResponseFormat, Usage } from './spec/index.js';
import { CHAT_PARAMETER_NAMES, PROVIDER_PARAMETER_NAMES } from './spec/chat-completion-request.js';
import { applyStructuredOutput } from './structured-output/apply-structured-output.js';
import { prepareResponseFormat } from './structured-output/prepare-response-format.js';

export type CompletionRequest = Omit<ChatCompletionRequest, 'response_format'> & {
  /** An OpenAI response_format, or a zod schema: the reply is then validated and parsed. */
  response_format?: ResponseFormat | ZodType;
};

export type CompletionParams = CompletionRequest & CallOptions;

export type CompletionResponse = ChatCompletion & { readonly llmux: ResponseMetadata };

/** The keys of a call's arguments that belong in the chat request body. */
export const COMPLETION_BODY_KEYS: ReadonlySet<string> = new Set<string>(['model', 'messages', 'stream', ...CHAT_PARAMETER_NAMES, ...PROVIDER_PARAMETER_NAMES]);

export function completion(params: CompletionParams & { stream: true }): Promise<CompletionStream>;
export function completion(params: CompletionParams & { stream?: false | null }): Promise<CompletionResponse>;
export function completion(params: CompletionParams): Promise<CompletionResponse | CompletionStream>;
export async function completion(params: CompletionParams): Promise<CompletionResponse | CompletionStream> {
  return completeCall(splitCall<CompletionRequest>(params, COMPLETION_BODY_KEYS));
}

/** `completion()` for arguments already split (the router splits a deployment's settings once). */
export async function completeCall({ body, options, settings, prices }: SplitCall<CompletionRequest>): Promise<CompletionResponse | CompletionStream> {
  const registry = options.registry ?? getDefaultProviderRegistry();
  const { adapter, reference } = registry.resolve(body.model);
  const stream = body.stream === true;
  const context = createCallContext(reference.provider, reference.model, options, settings, stream);
  const structured = prepareResponseFormat(body.response_format);
  // splitCall built `body` for this call alone, so it is completed in place, not copied.
  const draft = body as ChatCompletionRequest;
  draft.model = reference.model;
  if (body.response_format !== undefined) draft.response_format = structured.responseFormat;
  const request = checkParams(draft, adapter, options.drop_params === true, context.warnings);
  const metadata: ResponseMetadata = { provider: reference.provider, model: reference.model, cost: null, warnings: context.warnings };
  const price = (usage: Usage, durationMs: number) => computeCost(reference.provider, reference.model, usage, prices, durationMs);
  const startedAt = performance.now();

  if (stream) {
    if (structured.schema !== undefined) {
      context.warnings.push('response_format: a streamed reply is not validated against the zod schema; validate the joined content');
    }
    const includeUsage = request.stream_options?.include_usage === true;
    const upstreamRequest = { ...request, stream: true, stream_options: { ...request.stream_options, include_usage: true } };
    const chunks = await adapter.streamChat(upstreamRequest, context);
    const iterator = chunks[Symbol.asyncIterator]();
    const primed = await primeStream(iterator);
    return new CompletionStream(primed, iterator, { includeUsage, metadata, price, startedAt });
  }

  // Ours too (the draft or checkParams' copy of it).
  request.stream = undefined;
  const response = await adapter.chat(request, context);
  if (structured.schema !== undefined) applyStructuredOutput(response, structured.schema, metadata);
  metadata.durationMs = performance.now() - startedAt;
  if (response.usage !== undefined) metadata.cost = price(response.usage, metadata.durationMs);
  return attachMetadata(response, metadata);
}
