// LiteLLM copies its defaults onto a team or user when it is created (default_team_params,
// default_internal_user_params): every field the request leaves out comes from the default,
// and a field the request sets, even to null, wins. Later changes to the defaults leave
// existing records alone, as in LiteLLM.

import type { NewRecordDefaults } from '../config/new-record-defaults-schema.js';

export function withCreateDefaults<Body extends Record<string, unknown>>(body: Body, defaults: NewRecordDefaults | undefined): Body {
  if (defaults === undefined) return body;
  const filled: Record<string, unknown> = { ...body };
  for (const [field, value] of Object.entries(defaults)) if (filled[field] === undefined && value !== undefined) filled[field] = value;
  // The body's own fields, with the defaults' filled in: the same shape, validated by the config schema.
  return filled as Body;
}
