// `textCompletion()`: OpenAI's legacy Completions API on any provider. Providers that serve
// it (OpenAI, Azure, rows declaring `completions`) take the body as it is; chat-only models
// are bridged (text-completion-bridge.ts). Routed calls use `textCompletionAttempt` with
// `Router.call`, so retries, fallbacks and cooldowns are the Router's, as for chat.

import type { CallOptions } from './call-options.js';
import { CompletionStream, primeChunks } from './completion-stream.js';
import { computeCost } from './cost/compute-cost.js';
import { BadRequestError } from './errors/error-classes.js';
import { getDefaultProviderRegistry } from './providers/provider-registry.js';
import type { ProviderAdapter, ProviderCallContext } from './providers/provider-adapter.js';
import type { TextCompletionSupport } from './providers/text-completion-support.js';
import { attachMetadata, type ResponseMetadata } from './response-metadata.js';
import type { RouterTarget } from './router/router.js';
import { createCallContext, splitCall, type SplitCall } from './split-call.js';
import type { TextCompletion, TextCompletionChunk, TextCompletionRequest, Usage } from './spec/index.js';
import { bridgeRequests, convertChatReplies, convertChatStream } from './text-completion-bridge.js';

export type TextCompletionParams = TextCompletionRequest & CallOptions;
export type TextCompletionResult = TextCompletion & { readonly llmux: ResponseMetadata };
/** Chunks as they arrive; `usage` and `llmux.cost` once it ended. */
export type TextCompletionStream = CompletionStream<TextCompletionChunk>;

/** The Completions request fields; any other argument is a call option or a provider setting. */
export const TEXT_COMPLETION_BODY_KEYS: ReadonlySet<string> = new Set([
  'model',
  'prompt',
  'suffix',
  'echo',
  'logprobs',
  'max_tokens',
  'stop',
  'temperature',
  'top_p',
  'n',
  'best_of',
  'presence_penalty',
  'frequency_penalty',
  'logit_bias',
  'seed',
  'user',
  'stream',
  'stream_options',
]);

export function textCompletion(params: TextCompletionParams & { stream: true }): Promise<TextCompletionStream>;
export function textCompletion(params: TextCompletionParams & { stream?: false | null }): Promise<TextCompletionResult>;
export function textCompletion(params: TextCompletionParams): Promise<TextCompletionResult | TextCompletionStream>;
export function textCompletion(params: TextCompletionParams): Promise<TextCompletionResult | TextCompletionStream> {
  return textCompletionCall(splitCall<TextCompletionRequest>(params, TEXT_COMPLETION_BODY_KEYS));
}

/** One Router attempt: `router.call(params, textCompletionAttempt)`. */
export function textCompletionAttempt(target: RouterTarget, rest: object): Promise<TextCompletionResult | TextCompletionStream> {
  return textCompletionCall(target.split<TextCompletionRequest>(rest, TEXT_COMPLETION_BODY_KEYS));
}

export async function textCompletionCall({ body, options, settings, prices }: SplitCall<TextCompletionRequest>): Promise<TextCompletionResult | TextCompletionStream> {
  const registry = options.registry ?? getDefaultProviderRegistry();
  const { adapter, reference } = registry.resolve(body.model);
  const stream = body.stream === true;
  const context = createCallContext(reference.provider, reference.model, options, settings, stream);
  const metadata: ResponseMetadata = { provider: reference.provider, model: reference.model, cost: null, warnings: context.warnings };
  const price = (usage: Usage, durationMs: number): number | null => computeCost(reference.provider, reference.model, usage, prices, durationMs);
  const startedAt = performance.now();
  const request: TextCompletionRequest = { ...body, model: reference.model };
  const dropParams = options.drop_params === true;
  if (stream) {
    const chunks = await openStream(adapter, request, context, dropParams);
    const iterator = chunks[Symbol.asyncIterator]();
    const primed = await primeChunks(iterator, carriesText);
    return new CompletionStream<TextCompletionChunk>(primed, iterator, { includeUsage: body.stream_options?.include_usage === true, metadata, price, startedAt });
  }
  const native = nativeSupport(adapter, reference.model);
  const response = native !== undefined ? await native.complete(request, context) : await completeBridged(adapter, request, context, dropParams);
  metadata.durationMs = performance.now() - startedAt;
  if (response.usage !== undefined) metadata.cost = price(response.usage, metadata.durationMs);
  return attachMetadata(response, metadata);
}

async function completeBridged(adapter: ProviderAdapter, request: TextCompletionRequest, context: ProviderCallContext, dropParams: boolean): Promise<TextCompletion> {
  const { prompts, chats } = bridgeRequests(request, adapter, context, dropParams);
  // Several prompts are several chat calls, made at once, answered as one list of choices.
  const replies = await Promise.all(chats.map((chat) => adapter.chat(chat, context)));
  return convertChatReplies(replies, request, prompts);
}

async function openStream(
  adapter: ProviderAdapter,
  request: TextCompletionRequest,
  context: ProviderCallContext,
  dropParams: boolean,
): Promise<AsyncIterable<TextCompletionChunk>> {
  const native = nativeSupport(adapter, context.model);
  if (native !== undefined) return native.stream(request, context);
  const { prompts, chats } = bridgeRequests(request, adapter, context, dropParams);
  const [prompt, chat] = [prompts[0], chats[0]];
  if (chats.length !== 1 || prompt === undefined || chat === undefined) {
    throw new BadRequestError(`${adapter.id}/${context.model} is a chat model: a stream takes one prompt (send several without stream)`, {
      provider: adapter.id,
      model: context.model,
      param: 'prompt',
    });
  }
  const chunks = await adapter.streamChat({ ...chat, stream: true, stream_options: { include_usage: true } }, context);
  return convertChatStream(chunks, request, prompt);
}

function nativeSupport(adapter: ProviderAdapter, model: string): TextCompletionSupport | undefined {
  const native = adapter.textCompletion;
  return native !== undefined && native.serves(model) ? native : undefined;
}

/** The stream's commit point: the first chunk with text, an end, or usage. */
function carriesText(chunk: TextCompletionChunk): boolean {
  if (chunk.usage) return true;
  return chunk.choices.some((choice) => choice.text !== '' || choice.finish_reason !== null);
}
