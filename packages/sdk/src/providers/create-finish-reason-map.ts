// A provider's stop reason → OpenAI `finish_reason`, from a table of the reasons that are
// not a plain stop. The rules around the table are the same for every provider that has one:
// no reason yet is no finish, and reasons added after the table was written still end the turn.

import type { FinishReason } from '../spec/index.js';

export function createFinishReasonMap(table: Readonly<Record<string, FinishReason>>): (reason: string | null | undefined) => FinishReason | null {
  const reasons = new Map(Object.entries(table));
  return (reason) => (reason === null || reason === undefined ? null : (reasons.get(reason) ?? 'stop'));
}
