// post_call as a reply hook (core/reply-hooks.ts), for every operation that serves them
// (chat, messages, responses: the hook reads the canonical reply before the dialect's
// conversion). A complete reply is checked before it is sent: masked in place, or refused
// as a 400. A stream is checked as its text accumulates, before chunks are written:
// guardrails that answer from memory at every chunk (the chunk that completes a match never
// leaves), guardrails that call a service every SERVICE_BATCH_CHARS new characters and at
// the end, which bounds the calls to one per batch. A stream that must stop ends with the
// dialect's error event, never silently. Text already sent cannot be masked, so a MASK match
// in a stream ends it the same way. Each check reads the new text and the last OVERLAP
// characters before it (a match that spans chunks): text before that passed an earlier check.

import type { ChatCompletionChunk, CompletionResponse } from 'llmux';
import type { HookStep, ReplyHook } from '../core/reply-hooks.js';
import type { GuardrailCall } from './guardrail-call.js';
import type { Guardrail } from './guardrail.js';
import { runGuardrail, type GuardrailOutcome } from './run-guardrail.js';

/** Longer than any match the built-in patterns make in practice (a PEM key is checked whole only within this). */
const OVERLAP = 1024;
/** New streamed characters between two calls to a guardrail service. */
export const SERVICE_BATCH_CHARS = 400;

export function createReplyWatch(call: GuardrailCall, guardrails: readonly Guardrail[]): ReplyHook {
  const local = guardrails.filter((guardrail) => guardrail.synchronous);
  const services = guardrails.filter((guardrail) => !guardrail.synchronous);
  let streamed = '';
  let localChecked = 0;
  let servicesChecked = 0;

  const checkStream = (batch: readonly Guardrail[], from: number): HookStep => {
    const texts = [streamed.slice(Math.max(0, from - OVERLAP))];
    return inTurn(
      batch,
      (guardrail, outcome) => {
        call.apply(guardrail, 'post_call', asStreamVerdict(outcome));
        // Each batch's pass is not a result of its own: the stream's pass is recorded once at its end.
        call.results.pop();
      },
      texts,
    );
  };

  return {
    reply(result: CompletionResponse) {
      const choices = result.choices;
      let texts = choices.map((choice) => (typeof choice.message.content === 'string' ? choice.message.content : ''));
      return inTurn(
        guardrails,
        (guardrail, outcome, checked) => {
          const masked = call.apply(guardrail, 'post_call', outcome);
          if (masked !== undefined) texts = masked;
          return checked;
        },
        () => texts,
        () =>
          choices.forEach((choice, index) => {
            if (typeof choice.message.content === 'string') choice.message.content = texts[index] ?? '';
          }),
      );
    },
    chunk(chunk: ChatCompletionChunk) {
      let grew = false;
      for (const choice of chunk.choices) {
        const content = choice.delta.content;
        if (typeof content === 'string' && content !== '') {
          streamed += content;
          grew = true;
        }
      }
      if (!grew) return undefined;
      if (local.length > 0) {
        const from = localChecked;
        localChecked = streamed.length;
        // Guardrails that answer from memory: the step is never a promise, and throws on a block.
        void checkStream(local, from);
      }
      if (services.length === 0 || streamed.length - servicesChecked < SERVICE_BATCH_CHARS) return undefined;
      const from = servicesChecked;
      servicesChecked = streamed.length;
      return checkStream(services, from);
    },
    end() {
      if (services.length === 0 || streamed.length === servicesChecked) return undefined;
      const from = servicesChecked;
      servicesChecked = streamed.length;
      return checkStream(services, from);
    },
  };
}

/** A mask needed in text partly sent is a block: the client cannot get a masked copy now. */
function asStreamVerdict(outcome: GuardrailOutcome): GuardrailOutcome {
  if (!('verdict' in outcome) || outcome.verdict.action !== 'GUARDRAIL_INTERVENED') return outcome;
  return { ...outcome, verdict: { action: 'BLOCKED', reason: `masked content (${outcome.verdict.detections.join(', ')}) in a streamed reply` } };
}

/**
 * Runs the guardrails one after another on the texts (each sees the last one's masks),
 * awaiting only the checks that answer a promise; `apply` throws on a block. `done` runs
 * after the last. Returns a promise only when some check did.
 */
function inTurn(
  guardrails: readonly Guardrail[],
  apply: (guardrail: Guardrail, outcome: GuardrailOutcome, checked: readonly string[]) => unknown,
  texts: readonly string[] | (() => readonly string[]),
  done?: () => void,
  from = 0,
): HookStep {
  const current = typeof texts === 'function' ? texts : () => texts;
  for (let index = from; index < guardrails.length; index += 1) {
    const guardrail = guardrails[index] as Guardrail;
    const checked = current();
    const outcome = runGuardrail(guardrail, { texts: checked, inputType: 'response' });
    if (outcome instanceof Promise) {
      return outcome.then((settled) => {
        apply(guardrail, settled, checked);
        return inTurn(guardrails, apply, current, done, index + 1);
      });
    }
    apply(guardrail, outcome, checked);
  }
  done?.();
  return undefined;
}
