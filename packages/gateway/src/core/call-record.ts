// The typed record of one call: the edge, the pre hooks and the operation write it; the
// post hooks read it once (spend row, log line, metrics, traces, callbacks). Values are
// scalars so the log line can write it as is.

/**
 * How a call ended when it did not run to its end; absent when it did. `reply_refused`: a
 * reply hook (a post_call guardrail) stopped a stream after it began.
 */
type CallEnd = 'client_disconnected' | 'shutdown' | 'upstream_cut' | 'reply_refused';

export interface CallRecord {
  /** The operation served (`chat`, `embeddings`, `messages`, ...); absent for other routes. */
  operation?: string;
  modelGroup?: string;
  deploymentId?: string;
  provider?: string;
  stream?: boolean;
  promptTokens?: number;
  completionTokens?: number;
  /** Prompt tokens read from the provider's prompt cache. */
  cachedTokens?: number;
  /** Prompt tokens written to the provider's prompt cache (Anthropic's cache_creation). */
  cacheWriteTokens?: number;
  /** The model id at the provider (gen_ai.response.model). */
  upstreamModel?: string;
  /** Milliseconds the upstream call took (to the end of a stream), as the SDK measured it. */
  upstreamLatencyMs?: number;
  /** Retries and fallback groups the router tried before the call succeeded. */
  attemptedRetries?: number;
  attemptedFallbacks?: number;
  /** Milliseconds from arrival to the first streamed chunk written to the client. */
  timeToFirstTokenMs?: number;
  cost?: number | null;
  /** The reply was cut short after the upstream answered: billed for what was delivered. */
  callEnd?: CallEnd;
  /** Usage was counted by the gateway from what was delivered, not reported upstream. */
  usageCounted?: boolean;
  /** The upstream call went through unconverted (client and deployment share a dialect). */
  passthrough?: boolean;
  /** Answered from the response cache, with no upstream call. */
  cacheHit?: boolean;
  /** The response cache's key for this call (looked up or stored). */
  cacheKey?: string;
  /** The reply's own id (chatcmpl-…, msg_…, resp_…): the spend row's response_id, LiteLLM's request_id. */
  responseId?: string;
  /** The guardrails that ran, `name:mode:status` each, comma-separated (guardrails/guardrail-call.ts). */
  guardrails?: string;
  errorClass?: string;
  errorMessage?: string;
  /** A non-LlmuxError: logged with its stack, since it is a gateway bug. */
  unexpectedError?: unknown;
}
