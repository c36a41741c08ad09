// watsonx.ai error bodies (`{"errors":[{"code","message"}],"trace","status_code"}`) → typed
// errors with the upstream's messages; an expired or unknown token is an authentication
// error, so that the cached IAM token is dropped.

import { z } from 'zod';
import type { UpstreamErrorParser } from '../../http/create-upstream-error.js';

const watsonxErrorSchema = z.looseObject({
  errors: z.array(z.looseObject({ code: z.string().optional(), message: z.string() })).min(1),
});

const CONTEXT_WINDOW_PATTERN = /exceeds? the (?:maximum )?(?:context|sequence|token)|maximum sequence length|too many tokens/i;

export const parseWatsonxError: UpstreamErrorParser = (body, text) => {
  const parsed = watsonxErrorSchema.safeParse(body);
  if (!parsed.success) return { message: text.trim() };
  const message = parsed.data.errors.map((error) => (error.code === undefined ? error.message : `${error.code}: ${error.message}`)).join('; ');
  const codes = parsed.data.errors.map((error) => error.code ?? '');
  if (codes.some((code) => code.startsWith('authentication_token') || code === 'authorization_rejected')) return { message, kind: 'authentication' };
  return CONTEXT_WINDOW_PATTERN.test(message) ? { message, kind: 'context_window' } : { message };
};
