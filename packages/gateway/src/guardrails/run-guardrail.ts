// Runs one guardrail's check within its time limit. A guardrail's own failure (a timeout,
// a 5xx, an unreadable answer) is an outcome of its own, so the caller decides between
// failing closed (the default) and letting the call through (`fail_open: true`).

import type { Guardrail, GuardrailInput, GuardrailVerdict } from './guardrail.js';

export type GuardrailOutcome = { verdict: GuardrailVerdict; durationMs: number } | { failure: string; durationMs: number };

export function runGuardrail(guardrail: Guardrail, input: GuardrailInput): GuardrailOutcome | Promise<GuardrailOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 100) / 100;
  if (guardrail.synchronous) {
    try {
      return { verdict: guardrail.check(input) as GuardrailVerdict, durationMs: elapsed() };
    } catch (error) {
      return { failure: describe(error), durationMs: elapsed() };
    }
  }
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<GuardrailOutcome>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ failure: `timed out after ${guardrail.timeoutMs} ms`, durationMs: elapsed() });
    }, guardrail.timeoutMs);
  });
  const checked = Promise.resolve()
    .then(() => guardrail.check({ ...input, signal: controller.signal }))
    .then(
      (verdict): GuardrailOutcome => ({ verdict, durationMs: elapsed() }),
      (error: unknown): GuardrailOutcome => ({ failure: describe(error), durationMs: elapsed() }),
    );
  return Promise.race([checked, timeout]).finally(() => clearTimeout(timer));
}

/** The failure's class and message; a guardrail's errors carry no request text. */
function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : 'failed';
}
