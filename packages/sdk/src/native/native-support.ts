// The contract of a native (passthrough) call: what a provider adapter implements to take a
// client's body in a dialect it speaks itself, and the reply it hands back: the upstream's
// bytes, untouched, with usage and cost read on the side.

import type { ResponseMetadata } from '../response-metadata.js';
import type { Usage } from '../spec/index.js';
import type { ProviderCallContext } from '../providers/provider-adapter.js';
import type { Dialect } from './dialect.js';

/** A provider adapter's optional `native` member. */
export interface NativeSupport {
  /** Whether this provider serves `model` (the id after `provider/`) in `dialect` as is. */
  speaks(dialect: Dialect, model: string): boolean;
  /**
   * True when this provider's replies in `dialect` carry fields llmux's translated reply leaves
   * out (Azure's content-filter results and filter-only chunks). A door that promises the
   * translated answer passes such calls through only when this is false (speaksNatively's
   * `asTranslated`); nativeCall() passes them through all the same.
   */
  extendsReply?(dialect: Dialect): boolean;
  /**
   * Sends the client's body with only `model` and the provider's envelope changed. Throws the
   * provider's typed errors for non-2xx answers; resolves once the upstream accepted the call.
   */
  send(request: NativeRequest, context: ProviderCallContext): Promise<NativeReply>;
}

export interface NativeRequest {
  dialect: Dialect;
  /** The client's body as parsed; not changed (a fallback may send it again elsewhere). */
  body: Record<string, unknown>;
  /**
   * The client's bytes, when `body` is exactly their parse with nothing added or removed but
   * `model` (and `stream`); a provider that changes only `model` may patch these instead of
   * serialising `body` (patchBodyModel).
   */
  bytes?: Buffer | undefined;
  stream: boolean;
  /**
   * Client headers to forward, lower-case names (`anthropic-beta`, `anthropic-version`).
   * Never auth headers; each provider forwards only the names its dialect defines:
   * Anthropic both; Vertex AI the beta flags it accepts; Bedrock the beta flags it accepts,
   * in the body's `anthropic_beta` (flags dropped are named in `llmux.warnings`).
   */
  headers: Readonly<Record<string, string>>;
}

export type NativeReply = NativeJsonReply | NativeStreamReply;

export interface NativeJsonReply {
  kind: 'json';
  status: number;
  /** Headers for the client: content-type and the upstream's request id where it has one. */
  headers: Record<string, string>;
  /** The upstream's body, byte for byte. */
  body: Buffer;
  usage: Usage | undefined;
  /** provider, model, cost (from usage), warnings, durationMs. */
  llmux: ResponseMetadata;
}

/** Told once how a stream ended: `error` is undefined when it completed or was cancelled. */
export type NativeStreamEndListener = (usage: Usage | undefined, error: unknown) => void;

/**
 * A streamed reply. The iterator yields SSE bytes in the dialect's framing: as the upstream
 * sent them where it speaks SSE, re-framed (`event: <type>\ndata: <json>\n\n`) where it
 * wraps the events in its own envelope (Bedrock's event stream).
 *
 * The call resolves after the first content event, so an error the upstream sends before
 * any content (an overloaded `error` event, an exception frame) rejects `nativeCall`, where
 * the router can still retry or fall back.
 *
 * How it ends, and who tells the client:
 * - completed: the iterator is done; onEnd(usage, undefined).
 * - the upstream sent its own `event: error` (bytes already passed to the client): the
 *   iterator is done after those bytes; onEnd(usage, typed error) for the spend row.
 * - anything the client has not been told of (a cut stream without `message_stop`, a
 *   transport failure, an AWS exception frame): the iterator throws the typed error, which
 *   the caller writes in the client's dialect; onEnd(usage, the same error).
 * - cancel(): the upstream connection is freed; onEnd(usage so far, undefined).
 */
export interface NativeStreamReply {
  kind: 'stream';
  status: number;
  headers: Record<string, string>;
  [Symbol.asyncIterator](): AsyncIterator<Buffer>;
  /** The best usage known so far (input tokens from the start, output tokens at the end). */
  usage: Usage | undefined;
  /** cost and durationMs are set at the end. */
  llmux: ResponseMetadata;
  /**
   * The cost of `usage` at the deployment's prices (its price overrides included), for a
   * caller that bills a stream cut short from what it counted; null when unpriced.
   */
  priceOf(usage: Usage): number | null;
  cancel(): Promise<void>;
  onEnd(listener: NativeStreamEndListener): void;
}
