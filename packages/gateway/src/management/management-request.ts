// What every management route reads: the JSON body (validated with zod, errors worded as
// the chat routes word them), the query string, and the caller's identity.

import { AuthenticationError } from 'llmux';
import type { z } from 'zod';
import type { Identity } from '../governance/identity.js';
import { parseJsonBody } from '../http/parse-json-body.js';
import { readBody } from '../http/read-body.js';
import type { RequestContext } from '../http/request-context.js';
import { sendJson } from '../http/send-json.js';
import { validateBody } from '../routes/validate-body.js';

/** Management bodies are small; a megabyte is far above any real one. */
const BODY_LIMIT_BYTES = 1024 * 1024;

export async function readManagementBody<Schema extends z.ZodType>(context: RequestContext, schema: Schema): Promise<z.output<Schema>> {
  const body = parseJsonBody(await readBody(context.request, BODY_LIMIT_BYTES));
  validateBody(schema, body);
  return schema.parse(body);
}

export function queryOf(context: RequestContext): URLSearchParams {
  const url = context.request.url ?? '/';
  const start = url.indexOf('?');
  return new URLSearchParams(start === -1 ? '' : url.slice(start + 1));
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
