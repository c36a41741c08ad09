// One request's guardrail run: what was selected, and what each guardrail did, kept for the
// `x-litellm-applied-guardrails` header, the log line and the spend row. Applying an outcome
// throws on a block (400 in the caller's dialect, naming the guardrail and why) and on a
// guardrail's own failure unless it fails open.

import { ContentPolicyViolationError, ServiceUnavailableError } from 'llmux';
import type { Guardrail, GuardrailMode } from './guardrail.js';
import type { GuardrailOutcome } from './run-guardrail.js';
import type { SelectedGuardrail } from './select-guardrails.js';

type GuardrailStatus = 'success' | 'guardrail_intervened' | 'blocked' | 'guardrail_failed_to_respond' | 'failed_open';

/** One line of the spend row's `guardrail_information`, as LiteLLM names its fields. */
export interface GuardrailResult {
  guardrail_name: string;
  guardrail_mode: GuardrailMode;
  guardrail_status: GuardrailStatus;
  /** What was masked (pattern names, never values), or why it blocked or failed. */
  guardrail_response?: string;
  duration_ms: number;
}

export class GuardrailCall {
  readonly results: GuardrailResult[] = [];

  constructor(readonly selected: readonly SelectedGuardrail[]) {}

  /** The new texts when the guardrail masked; undefined when it let them pass. Throws on a block or a closed failure. */
  apply(guardrail: Guardrail, mode: GuardrailMode, outcome: GuardrailOutcome): string[] | undefined {
    const base = { guardrail_name: guardrail.name, guardrail_mode: mode, duration_ms: outcome.durationMs };
    if ('failure' in outcome) {
      if (guardrail.failOpen) {
        this.results.push({ ...base, guardrail_status: 'failed_open', guardrail_response: outcome.failure });
        return undefined;
      }
      this.results.push({ ...base, guardrail_status: 'guardrail_failed_to_respond', guardrail_response: outcome.failure });
      throw new ServiceUnavailableError(`Guardrail '${guardrail.name}' could not check this request (${outcome.failure}); it fails closed`, { code: 'guardrail_failed' });
    }
    const verdict = outcome.verdict;
    if (verdict.action === 'BLOCKED') {
      this.results.push({ ...base, guardrail_status: 'blocked', guardrail_response: verdict.reason });
      throw new ContentPolicyViolationError(`Blocked by guardrail '${guardrail.name}' (${mode}): ${verdict.reason}`, { param: 'guardrails', code: 'guardrail_blocked' });
    }
    if (verdict.action === 'GUARDRAIL_INTERVENED') {
      this.results.push({ ...base, guardrail_status: 'guardrail_intervened', guardrail_response: `masked: ${verdict.detections.join(', ')}` });
      return verdict.texts;
    }
    this.results.push({ ...base, guardrail_status: 'success' });
    return undefined;
  }

  /** For the log line: `name:mode:status` per run, comma-separated (a scalar, as the record wants). */
  summary(): string {
    return this.results.map((result) => `${result.guardrail_name}:${result.guardrail_mode}:${result.guardrail_status}`).join(',');
  }
}
