// The budget and rate-limit fields every budgeted entity accepts (LiteLLM's names).

import { z } from 'zod';
import type { Limits } from '../governance/identity.js';
import { MAX_DURATION_MS, MAX_DURATION_TEXT_LENGTH } from '../http/limits-input.js';
import { addDuration, parseDuration } from '../limits/budget-period.js';

/** Months in MAX_DURATION_MS: `1200mo` is 100 years, as `36600d` is. */
const MAX_DURATION_MONTHS = 1200;

/**
 * A duration up to MAX_DURATION_MS (100 years): `300000000d` would put a reset or expiry
 * date past what Date can hold. Long text is refused before the parser (which caches).
 */
export const durationSchema = z.string().refine(
  (text) => {
    if (text.length > MAX_DURATION_TEXT_LENGTH) return false;
    const duration = parseDuration(text);
    return duration !== null && duration.ms <= MAX_DURATION_MS && duration.months <= MAX_DURATION_MONTHS;
  },
  { message: 'expected a duration such as 30s, 1h, 1d, 7d, 30d or 1mo, of at most 100 years' },
);

const amount = z.number().nonnegative().nullable().optional();
const count = z.number().int().nonnegative().nullable().optional();

export const limitFields = {
  max_budget: amount,
  budget_duration: durationSchema.nullable().optional(),
  soft_budget: amount,
  rpm_limit: count,
  tpm_limit: count,
  max_parallel_requests: count,
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
  models: z.array(z.string()).optional(),
};

/** The fields present in an update body, so absent ones keep their value. */
export function presentFields<T extends Record<string, unknown>>(body: T, fields: readonly string[]): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const field of fields) if (field in body && body[field] !== undefined) out[field] = body[field];
  return out as Partial<T>;
}

export const LIMIT_FIELD_NAMES = ['max_budget', 'budget_duration', 'soft_budget', 'rpm_limit', 'tpm_limit', 'max_parallel_requests'] as const;

/** The Limits of a new record from a create body; the budget period starts now. */
export function limitsFromBody(body: { [field in (typeof LIMIT_FIELD_NAMES)[number]]?: number | string | null | undefined }, at: Date): Limits {
  const duration = typeof body.budget_duration === 'string' ? parseDuration(body.budget_duration) : null;
  return {
    max_budget: numberOrNull(body.max_budget),
    budget_duration: typeof body.budget_duration === 'string' ? body.budget_duration : null,
    budget_reset_at: duration === null ? null : new Date(addDuration(at.getTime(), duration)),
    soft_budget: numberOrNull(body.soft_budget),
    rpm_limit: numberOrNull(body.rpm_limit),
    tpm_limit: numberOrNull(body.tpm_limit),
    max_parallel_requests: numberOrNull(body.max_parallel_requests),
  };
}

function numberOrNull(value: number | string | null | undefined): number | null {
  return typeof value === 'number' ? value : null;
}
