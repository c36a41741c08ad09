// What every management route reads: the JSON body (held to the input limits, then validated
// with zod, errors worded as the chat routes word them), the query string, and the caller.

import { AuthenticationError } from 'llmux';
import type { z } from 'zod';
import type { Identity } from '../governance/identity.js';
import { requireAdmin } from '../governance/permissions.js';
import type { JsonValueRules } from '../http/limits-json-value.js';
import { parseQuery } from '../http/limits-query.js';
import { parseJsonBody } from '../http/parse-json-body.js';
import { readBody } from '../http/read-body.js';
import type { RequestContext } from '../http/request-context.js';
import { sendJson } from '../http/send-json.js';
import { validateBody } from '../routes/validate-body.js';

/** Management bodies are small; a megabyte is far above any real one. */
const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Management bodies go to the store: no NUL anywhere, and these fields (or arrays of them)
 * are ids or names, capped in length, at any depth outside free-form objects.
 */
const MANAGEMENT_RULES: JsonValueRules = {
  rejectNul: true,
  idFields: new Set([
    ...['user_id', 'team_id', 'key', 'new_key', 'token', 'id', 'model_name', 'litellm_model_id', 'organization_id', 'budget_id'],
    ...['key_alias', 'team_alias', 'user_alias', 'user_email', 'alias', 'user_role', 'role'],
    ...['keys', 'key_aliases', 'user_ids', 'team_ids', 'teams', 'models'],
  ]),
  freeFormFields: new Set(['metadata', 'litellm_params']),
};

export async function readManagementBody<Schema extends z.ZodType>(context: RequestContext, schema: Schema): Promise<z.output<Schema>> {
  const body = parseJsonBody(await readBody(context.request, BODY_LIMIT_BYTES), MANAGEMENT_RULES);
  return validateBody(schema, body);
}

/**
 * The caller and body of a route only proxy admins may call (the writes: new, update, delete).
 * The caller is checked before the body is read, so a refused caller's body is never parsed.
 */
export async function readAdminBody<Schema extends z.ZodType>(context: RequestContext, schema: Schema, action: string): Promise<{ caller: Identity; body: z.output<Schema> }> {
  const caller = callerOf(context);
  requireAdmin(caller, action);
  return { caller, body: await readManagementBody(context, schema) };
}

/** A body the route may also be called without (LiteLLM's POST /key/{key}/regenerate): empty reads as `{}`. */
export async function readOptionalManagementBody<Schema extends z.ZodType>(context: RequestContext, schema: Schema): Promise<z.output<Schema>> {
  const raw = await readBody(context.request, BODY_LIMIT_BYTES);
  return validateBody(schema, raw.length === 0 ? {} : parseJsonBody(raw, MANAGEMENT_RULES));
}

/** The query string, held to the input limits (NUL, length, paging numbers). */
export function queryOf(context: RequestContext): URLSearchParams {
  return parseQuery(context.request.url ?? '/');
}

/** The authenticated caller; management needs one, so a gateway without a master key refuses. */
export function callerOf(context: RequestContext): Identity {
  if (context.identity === undefined) {
    throw new AuthenticationError('The management API needs authentication: set general_settings.master_key (or LLMUX_MASTER_KEY).', { code: 'master_key_not_set' });
  }
  return context.identity;
}

export function replyJson(context: RequestContext, body: unknown): void {
  sendJson(context, 200, JSON.stringify(body));
}
