// The root of every error the SDK and gateway raise. Each carries what a router needs to
// decide (retryable, fallbackAllowed) and what a client needs to see (status, OpenAI type
// and code), so no caller ever has to read message text.

export interface LlmuxErrorOptions {
  provider?: string;
  model?: string;
  param?: string | null;
  code?: string | null;
  /** Seconds the upstream asked us to wait (Retry-After), when it said. */
  retryAfterSeconds?: number;
  /** Extra headers the gateway should send with this error (rate-limit state, ...). */
  headers?: Record<string, string>;
  cause?: unknown;
}

export class LlmuxError extends Error {
  /** HTTP status a client sees. */
  readonly status: number;
  /** OpenAI `error.type`. */
  readonly type: string;
  readonly code: string | null;
  readonly param: string | null;
  readonly provider: string | undefined;
  readonly model: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly headers: Record<string, string> | undefined;
  /** Whether calling the same deployment again may succeed. */
  readonly retryable: boolean;
  /** Whether another deployment or model group may be tried. */
  readonly fallbackAllowed: boolean;

  constructor(message: string, status: number, type: string, flags: { retryable: boolean; fallbackAllowed: boolean }, options: LlmuxErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.status = status;
    this.type = type;
    this.code = options.code ?? null;
    this.param = options.param ?? null;
    this.provider = options.provider;
    this.model = options.model;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.headers = options.headers;
    this.retryable = flags.retryable;
    this.fallbackAllowed = flags.fallbackAllowed;
  }
}
