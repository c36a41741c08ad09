// The guardrails as hooks on an operation. `input` (after access and admission, before the
// response cache) selects the call's guardrails, strips the selection fields from the body,
// runs pre_call (which may mask: the masked body is what goes upstream and into the spend
// log), starts during_call (checks only) and masks the logged prompt for logging_only. On
// operations that serve reply hooks (core/reply-hooks.ts), during_call runs beside the
// upstream call and the reply (or the first chunk) waits for it, and post_call checks the
// reply (watch-reply.ts); elsewhere during_call is awaited before the call and post_call is
// refused. `record` writes what ran to the log line and the spend row, before the row is queued.

import { BadRequestError } from 'llmux';
import type { PostCallHook, PreCallHook } from '../core/hooks.js';
import type { CallState } from '../core/operation.js';
import { addReplyHook, type ReplyHook } from '../core/reply-hooks.js';
import { createReplyWatch } from './watch-reply.js';
import { GuardrailCall } from './guardrail-call.js';
import type { Guardrail, GuardrailMode } from './guardrail.js';
import { readRequestedGuardrails } from './read-requested-guardrails.js';
import { runGuardrail } from './run-guardrail.js';
import { selectGuardrails, type SelectedGuardrail } from './select-guardrails.js';
import { collectRequestTexts, replaceRequestTexts } from './walk-request-texts.js';
import { withoutGuardrailFields } from './without-guardrail-fields.js';

const APPLIED_GUARDRAILS_HEADER = 'x-litellm-applied-guardrails';

/** Operations whose replies have no text to check (post_call does not apply). */
const NO_TEXT_REPLY: ReadonlySet<string> = new Set(['embeddings']);

const calls = new WeakMap<CallState, GuardrailCall>();
/** during_call checks running beside the call, for `holdDuring`. */
const duringChecks = new WeakMap<CallState, Promise<void>>();

export interface GuardrailHooks {
  input: PreCallHook;
  /**
   * Awaits a during_call check started by `input`: placed before pre hooks that may answer
   * themselves (a cache hit), which would otherwise send a reply no check held back.
   */
  holdDuring: PreCallHook;
  record: PostCallHook;
}

export function createGuardrailHooks(all: ReadonlyMap<string, Guardrail>): GuardrailHooks {
  const input: PreCallHook = (state) =>
    checkInput(state).catch((error: unknown) => {
      // A refused request's prompt is not kept in the spend log: it may hold what was refused.
      if (state.ticket !== undefined) state.ticket.call.messages = null;
      throw error;
    });

  const checkInput = async (state: CallState): Promise<{ replace: Record<string, unknown> } | undefined> => {
    const requested = readRequestedGuardrails(state.body);
    const selected = selectGuardrails(all, requested, state.context.identity, state.context.request.headers);
    let body = withoutGuardrailFields(state.body);
    if (selected.length === 0) return body === state.body ? undefined : { replace: body };
    const call = new GuardrailCall(selected);
    calls.set(state, call);
    const operation = state.operation.names.name;
    // Those that run here: a reply with no text (embeddings) has no post_call check.
    const applied = NO_TEXT_REPLY.has(operation) ? selected.filter((one) => [...one.modes].some((mode) => mode !== 'post_call')) : selected;
    if (applied.length > 0) state.context.headers[APPLIED_GUARDRAILS_HEADER] = applied.map((one) => one.guardrail.name).join(',');
    const original = collectRequestTexts(operation, body);
    let texts = original;
    for (const one of having(selected, 'pre_call')) {
      const masked = call.apply(one.guardrail, 'pre_call', await runGuardrail(one.guardrail, inputOf(state, texts, one)));
      if (masked !== undefined) texts = masked;
    }
    const post = having(selected, 'post_call');
    if (post.length > 0 && !NO_TEXT_REPLY.has(operation) && state.operation.servesReplyHooks !== true) {
      // Fail closed: a reply the admin asked to be checked is not sent unchecked.
      const names = post.map((one) => one.guardrail.name);
      throw new BadRequestError(`post_call guardrails (${names.join(', ')}) cannot check replies on ${state.context.path} in llmux yet`, {
        param: 'guardrails',
        code: 'guardrail_unsupported',
      });
    }
    // Checks only, all at once: LiteLLM's during_call may not change the input.
    const during = having(selected, 'during_call');
    if (during.length > 0) {
      const checked = Promise.all(during.map((one) => runGuardrail(one.guardrail, inputOf(state, texts, one)))).then((outcomes) =>
        during.forEach((one, index) => call.apply(one.guardrail, 'during_call', outcomes[index] as Awaited<(typeof outcomes)[number]>)),
      );
      if (state.operation.servesReplyHooks === true) {
        // Beside the upstream call: the reply waits for it. A call that fails (or a cache hit)
        // never awaits it, so its refusal is marked handled here.
        checked.catch(() => undefined);
        duringChecks.set(state, checked);
        addReplyHook(state, holdUntil(checked));
      } else await checked;
    }
    if (texts !== original) body = replaceRequestTexts(operation, body, texts);
    await maskLoggedPrompt(state, call, body, texts);
    // An asynchronous built-in (prompt injection with its model check) reads requests only: nothing to do with a reply.
    const watched = post.map((one) => one.guardrail).filter((guardrail) => guardrail.synchronous || guardrail.type !== 'detect_prompt_injection');
    if (watched.length > 0 && state.operation.servesReplyHooks === true) addReplyHook(state, createReplyWatch(call, watched));
    return body === state.body ? undefined : { replace: body };
  };

  const record: PostCallHook = (state) => {
    const call = calls.get(state);
    if (call === undefined) return;
    calls.delete(state);
    recordStreamPasses(state, call);
    state.context.call.guardrails = call.summary();
    const metadata = state.ticket?.call.metadata;
    if (metadata !== undefined) metadata['guardrail_information'] = call.results;
  };

  const holdDuring: PreCallHook = (state) => {
    const checked = duringChecks.get(state);
    return checked === undefined ? undefined : checked.then(() => undefined);
  };

  return { input, holdDuring, record };
}

/** A reply hook that holds the reply, or a stream's first chunk, until `checked` settles (and throws its refusal). */
function holdUntil(checked: Promise<void>): ReplyHook {
  let held = true;
  const wait = (): Promise<void> | undefined => {
    if (!held) return undefined;
    held = false;
    return checked;
  };
  return { reply: wait, chunk: wait, end: wait, readsReply: false };
}

function having(selected: readonly SelectedGuardrail[], mode: GuardrailMode): SelectedGuardrail[] {
  return selected.filter((one) => one.modes.has(mode));
}

function inputOf(state: CallState, texts: readonly string[], one: SelectedGuardrail) {
  const identity = state.context.identity;
  const requestData: Record<string, string> = {};
  if (identity?.key?.token !== undefined) requestData['user_api_key_hash'] = identity.key.token;
  if (identity?.key?.key_alias) requestData['user_api_key_alias'] = identity.key.key_alias;
  const userId = identity?.user?.user_id ?? identity?.key?.user_id;
  if (userId) requestData['user_api_key_user_id'] = userId;
  const teamId = identity?.team?.team_id ?? identity?.key?.team_id;
  if (teamId) requestData['user_api_key_team_id'] = teamId;
  return { texts, inputType: 'request' as const, requestData, extraBody: one.extraBody };
}

/**
 * The spend log's copy of the prompt (kept only with store_prompts_in_spend_logs) is taken
 * at admission, before any mask: it is replaced by the masked body's, and logging_only
 * guardrails mask that copy alone.
 */
async function maskLoggedPrompt(state: CallState, call: GuardrailCall, body: Record<string, unknown>, texts: readonly string[]): Promise<void> {
  const logged = state.ticket?.call;
  if (logged === undefined || logged.messages === null || logged.messages === undefined) return;
  const operation = state.operation.names.name;
  let logTexts = texts;
  for (const one of having(call.selected, 'logging_only')) {
    const masked = call.apply(one.guardrail, 'logging_only', await runGuardrail(one.guardrail, inputOf(state, logTexts, one)));
    if (masked !== undefined) logTexts = masked;
  }
  const forLog = logTexts === texts ? body : replaceRequestTexts(operation, body, logTexts);
  logged.messages = forLog['messages'] ?? forLog['input'] ?? null;
}

/** A stream's post_call checks that passed leave one success each (chunks are not recorded one by one). */
function recordStreamPasses(state: CallState, call: GuardrailCall): void {
  if (state.body['stream'] !== true || state.operation.servesReplyHooks !== true) return;
  if (call.results.some((result) => result.guardrail_mode === 'post_call')) return;
  for (const one of having(call.selected, 'post_call'))
    call.results.push({ guardrail_name: one.guardrail.name, guardrail_mode: 'post_call', guardrail_status: 'success', duration_ms: 0 });
}
