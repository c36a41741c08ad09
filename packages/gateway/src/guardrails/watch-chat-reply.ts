// post_call on the chat operation, through the reply capture: a complete reply is checked
// before it is sent (masked in place, or refused as a 400); a stream is checked as its text
// accumulates, before each chunk is written, so the chunk that completes a match never
// leaves. A stream that must stop ends with the dialect's error event, never silently.
// Text already sent cannot be masked, so a MASK match in a stream ends it the same way.
// Each check reads the new text and the last OVERLAP characters before it (a match that
// spans chunks), not the whole reply again: text before that passed an earlier check.

import type { ReplyCapture } from '../core/reply-capture.js';
import type { GuardrailCall } from './guardrail-call.js';
import type { Guardrail } from './guardrail.js';
import { runGuardrail, type GuardrailOutcome } from './run-guardrail.js';

/** Longer than any match the built-in patterns make in practice (a PEM key is checked whole only within this). */
const OVERLAP = 1024;

interface ChoiceLike {
  message?: { content?: unknown };
  delta?: { content?: unknown };
}

export function createChatReplyWatch(call: GuardrailCall, guardrails: readonly Guardrail[], inner: ReplyCapture | undefined): ReplyCapture {
  let streamed = '';
  return {
    reply(result) {
      const choices = (result as { choices?: ChoiceLike[] }).choices ?? [];
      let texts = choices.map((choice) => (typeof choice.message?.content === 'string' ? choice.message.content : ''));
      for (const guardrail of guardrails) {
        const masked = call.apply(guardrail, 'post_call', checkNow(guardrail, texts));
        if (masked !== undefined) texts = masked;
      }
      choices.forEach((choice, index) => {
        if (choice.message !== undefined && typeof choice.message.content === 'string') choice.message.content = texts[index];
      });
      return inner === undefined ? result : inner.reply(result);
    },
    chunk(chunk) {
      const choices = (chunk as { choices?: ChoiceLike[] }).choices ?? [];
      let grew = false;
      const checkedUpTo = streamed.length;
      for (const choice of choices) {
        const content = choice.delta?.content;
        if (typeof content === 'string' && content !== '') {
          streamed += content;
          grew = true;
        }
      }
      if (grew) {
        for (const guardrail of guardrails) {
          const outcome = checkNow(guardrail, [streamed.slice(Math.max(0, checkedUpTo - OVERLAP))]);
          // A mask needed in text partly sent is a block: the client cannot get a masked copy now.
          const verdict = 'verdict' in outcome && outcome.verdict.action === 'GUARDRAIL_INTERVENED' ? { ...outcome, verdict: { action: 'BLOCKED' as const, reason: `masked content (${outcome.verdict.detections.join(', ')}) in a streamed reply` } } : outcome;
          call.apply(guardrail, 'post_call', verdict);
          // Each chunk's pass is not a result of its own: only the last check stays recorded.
          call.results.pop();
        }
      }
      inner?.chunk(chunk);
    },
  };
}

/** Guardrails that watch replies are synchronous (checked at start), so this never waits. */
function checkNow(guardrail: Guardrail, texts: readonly string[]): GuardrailOutcome {
  return runGuardrail(guardrail, { texts, inputType: 'response' }) as GuardrailOutcome;
}
