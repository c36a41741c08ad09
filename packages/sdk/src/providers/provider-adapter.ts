// The contract every provider implements: canonical request in, canonical response or
// stream out, wire errors thrown as typed errors. Adapters orchestrate only; conversion
// lives in the provider folder's convert-* files.

import type { HttpClient } from '../http/http-client.js';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionRequest,
  ChatParameterName,
  EmbeddingRequest,
  EmbeddingResponse,
  ModelList,
  RerankRequest,
  RerankResponse,
} from '../spec/index.js';
import type { NativeSupport } from '../native/native-support.js';
import type { ModerationSupport } from './moderation-support.js';
import type { TextCompletionSupport } from './text-completion-support.js';
import type { MediaSupport } from './media-support.js';
import type { BatchSupport } from './batch-support.js';

export interface ProviderCallContext {
  /** Provider id, as in `provider/model`. */
  provider: string;
  /** The model id the provider knows (the part after `provider/`). */
  model: string;
  apiKey?: string;
  apiBase?: string;
  apiVersion?: string;
  /** Headers the caller asked to add to the upstream request. */
  extraHeaders?: Record<string, string>;
  /** Provider-specific settings from `litellm_params` (aws_region_name, vertex_project, ...). */
  settings: Readonly<Record<string, unknown>>;
  /** Time allowed until the upstream's response headers (or first stream bytes). */
  timeoutMs: number;
  /** Time allowed between two stream chunks. */
  streamIdleTimeoutMs?: number;
  signal?: AbortSignal;
  http: HttpClient;
  /** Non-fatal notes for the caller (dropped parameters, defaults applied). */
  warnings: string[];
}

export interface ProviderAdapter {
  readonly id: string;
  /** The OpenAI parameters this provider honours; others are rejected or dropped. */
  readonly supportedParams: ReadonlySet<ChatParameterName>;
  /** Narrows supportedParams for one model, where a provider serves several model families. */
  supportedParamsFor?(model: string): ReadonlySet<ChatParameterName>;
  /**
   * The provider takes body fields llmux does not know as sent (OpenAI-format APIs do), so
   * a caller's extra fields (`top_k`, `web_search_options`, ...) are forwarded; elsewhere
   * they are refused, or dropped with a warning under drop_params.
   */
  readonly forwardsUnknownParams?: boolean;
  chat(request: ChatCompletionRequest, context: ProviderCallContext): Promise<ChatCompletion>;
  /**
   * Resolves once the upstream has accepted the call (a 2xx with a stream body), so that
   * errors before the stream begins are thrown here, where retries and fallbacks apply.
   */
  streamChat(request: ChatCompletionRequest, context: ProviderCallContext): Promise<AsyncIterable<ChatCompletionChunk>>;
  embed?(request: EmbeddingRequest, context: ProviderCallContext): Promise<EmbeddingResponse>;
  listModels?(context: ProviderCallContext): Promise<ModelList>;
  rerank?(request: RerankRequest, context: ProviderCallContext): Promise<RerankResponse>;
  /** Dialects this provider speaks itself, for passthrough calls (see native/native-support.ts). */
  native?: NativeSupport;
  /** OpenAI's legacy Completions API, where the provider serves it (others are bridged to chat). */
  textCompletion?: TextCompletionSupport;
  /** A moderation endpoint of the provider's own (others are bridged to a chat model). */
  moderation?: ModerationSupport;
  /** Images, speech to text and text to speech, where the provider offers them. */
  media?: MediaSupport;
  /** OpenAI's Files and Batch APIs, where the provider serves them. */
  batches?: BatchSupport;
}
