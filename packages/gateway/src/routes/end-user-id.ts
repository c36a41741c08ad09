// The `user` field names an end user (LiteLLM's customer): a budget subject, a key in the
// customer cache and the limit counters, and a spend-row column. An id, not a document, so
// its length is bounded: a megabyte `user` on every call would otherwise pin a megabyte in
// each of those maps.

import { z } from 'zod';

/** As the management API's ids (user_id, team_id, customer ids). */
const MAX_END_USER_ID_LENGTH = 256;

export const endUserIdSchema = z.string().max(MAX_END_USER_ID_LENGTH, `user: at most ${MAX_END_USER_ID_LENGTH} characters (an end-user id)`).nullish();

/** The quick check's yes for `user`: absent, null, or a string the schema accepts. */
export function isEndUserId(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.length <= MAX_END_USER_ID_LENGTH);
}
