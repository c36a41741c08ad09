// What every guardrail is to the gateway: a name, the modes it runs in, and one check over
// texts that answers as LiteLLM's generic guardrail API does (NONE, BLOCKED, or
// GUARDRAIL_INTERVENED with the texts rewritten). Built-in checks answer synchronously, so
// they can also watch a stream chunk by chunk; checks that call a service answer a promise.

import type { IncomingHttpHeaders } from 'node:http';

export type GuardrailMode = 'pre_call' | 'during_call' | 'post_call' | 'logging_only';

export const GUARDRAIL_MODES: readonly GuardrailMode[] = ['pre_call', 'during_call', 'post_call', 'logging_only'];

/** `request`: the caller's input; `response`: the model's output. */
type GuardrailInputType = 'request' | 'response';

export type GuardrailVerdict =
  | { action: 'NONE' }
  | { action: 'BLOCKED'; reason: string }
  /** `texts` replace the checked ones, in order; `detections` name what was masked (never the values). */
  | { action: 'GUARDRAIL_INTERVENED'; texts: string[]; detections: string[] };

export interface GuardrailInput {
  texts: readonly string[];
  inputType: GuardrailInputType;
  /** Who called, as LiteLLM's request_data names it (for services that want it). */
  requestData?: Readonly<Record<string, string>>;
  /** The request's `guardrails: {name: {extra_body}}` parameters for this guardrail. */
  extraBody?: Readonly<Record<string, unknown>>;
  /** Aborted when the guardrail's time is up (services only). */
  signal?: AbortSignal;
}

export interface Guardrail {
  readonly name: string;
  /** The `litellm_params.guardrail` type (`litellm_content_filter`, `generic_guardrail_api`, ...). */
  readonly type: string;
  /** Every mode it may run in; `modesFor` picks a request's when the config's tags decide. */
  readonly modes: ReadonlySet<GuardrailMode>;
  readonly modesFor?: ((headers: IncomingHttpHeaders) => ReadonlySet<GuardrailMode>) | undefined;
  readonly defaultOn: boolean;
  /** A failure of the guardrail itself (timeout, 5xx) lets the call through instead of refusing it. */
  readonly failOpen: boolean;
  readonly timeoutMs: number;
  /** True when check() never returns a promise (built-ins): such a guardrail may watch replies. */
  readonly synchronous: boolean;
  /** What /guardrails/list shows: the config's params without credentials, and guardrail_info. */
  readonly listed: { litellm_params: Record<string, unknown>; guardrail_info: unknown };
  check(input: GuardrailInput): GuardrailVerdict | Promise<GuardrailVerdict>;
}
