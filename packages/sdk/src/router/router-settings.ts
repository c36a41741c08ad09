// The router's settings, named as in LiteLLM's `router_settings` (and the retry settings of
// `litellm_settings`), so a LiteLLM config maps onto them field for field.

/** LiteLLM's `retry_policy`: retries per error class, overriding `num_retries`. */
export interface RetryPolicy {
  BadRequestErrorRetries?: number;
  AuthenticationErrorRetries?: number;
  TimeoutErrorRetries?: number;
  RateLimitErrorRetries?: number;
  ContentPolicyViolationErrorRetries?: number;
  InternalServerErrorRetries?: number;
}

/** LiteLLM's `allowed_fails_policy`: failures per minute tolerated per error class. */
export interface AllowedFailsPolicy {
  BadRequestErrorAllowedFails?: number;
  AuthenticationErrorAllowedFails?: number;
  TimeoutErrorAllowedFails?: number;
  RateLimitErrorAllowedFails?: number;
  ContentPolicyViolationErrorAllowedFails?: number;
  InternalServerErrorAllowedFails?: number;
}

/** `[{ "gpt-4o": ["claude", "gpt-4o-mini"] }]`: model group → groups to try next. */
export type FallbackList = Array<Record<string, string[]>>;

export type RoutingStrategyName = 'simple-shuffle' | 'least-busy' | 'latency-based-routing' | 'usage-based-routing' | 'usage-based-routing-v2' | 'cost-based-routing';

export interface RouterSettings {
  routing_strategy?: RoutingStrategyName;
  /** Retries after the first attempt (default 0 in the SDK, as `completion()` has none). */
  num_retries?: number;
  retry_policy?: RetryPolicy;
  /** Minimum seconds between retries (LiteLLM's `retry_after`). */
  retry_after?: number;
  /** llmux: first backoff step in seconds, doubled per retry with jitter (default 0.5). */
  retry_backoff?: number;
  /** llmux: the longest wait between retries in seconds, even if `retry-after` asks more (default 10). */
  max_retry_wait?: number;
  fallbacks?: FallbackList;
  context_window_fallbacks?: FallbackList;
  content_policy_fallbacks?: FallbackList;
  /** Groups tried after any group that has no fallbacks of its own. */
  default_fallbacks?: string[];
  /** The most fallback groups one call may try (default 5). */
  max_fallbacks?: number;
  /** Failures per minute a deployment may have before it cools down (default 3). */
  allowed_fails?: number;
  allowed_fails_policy?: AllowedFailsPolicy;
  /** Seconds a failing deployment is skipped (default 5). */
  cooldown_time?: number;
  /** Seconds until the upstream must answer; a deployment's own `timeout` wins. */
  timeout?: number;
  /** Seconds until a stream's first chunk. */
  stream_timeout?: number;
  enable_pre_call_checks?: boolean;
  enable_tag_filtering?: boolean;
  /** `{ "gpt-4": "gpt-4o" }` or `{ "gpt-4": { model: "gpt-4o", hidden: true } }`. */
  model_group_alias?: Record<string, string | { model: string; hidden?: boolean }>;
}
