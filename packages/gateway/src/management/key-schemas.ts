// Request bodies of the /key routes, with LiteLLM's field names.

import { z } from 'zod';
import { durationSchema, limitFields } from './limit-fields-schema.js';

const keyFields = {
  ...limitFields,
  model_max_budget: z.record(z.string(), z.object({ max_budget: z.number().nonnegative(), budget_duration: durationSchema.nullable().optional() })).optional(),
  model_rpm_limit: z.record(z.string(), z.number().int().nonnegative()).optional(),
  model_tpm_limit: z.record(z.string(), z.number().int().nonnegative()).optional(),
  user_id: z.string().min(1).nullable().optional(),
  team_id: z.string().min(1).nullable().optional(),
  key_alias: z.string().nullable().optional(),
  /** How long the key lives: `30d` sets `expires`; null never expires. */
  duration: durationSchema.nullable().optional(),
  blocked: z.boolean().optional(),
  /** LiteLLM's: the cache controls a request may send (kept in metadata; empty or null: all). */
  allowed_cache_controls: z
    .array(z.enum(['no-cache', 'no-store', 'ttl', 's-maxage', 'namespace', 'use-cache']))
    .nullable()
    .optional(),
  /** A shared budget row (/budget/new) whose limits apply where the key sets none. */
  budget_id: z.string().min(1).nullable().optional(),
};

export const keyGenerateSchema = z.looseObject({
  ...keyFields,
  /** A caller-chosen key (LiteLLM allows it); must look like one of ours. */
  key: z
    .string()
    .regex(/^sk-[A-Za-z0-9_-]{16,}$/, 'a custom key must start with sk- and have at least 16 more characters')
    .optional(),
});

export const keyUpdateSchema = z.looseObject({ ...keyFields, key: z.string().min(1) });

export const keyDeleteSchema = z.looseObject({ keys: z.array(z.string().min(1)).min(1).optional(), key_aliases: z.array(z.string()).optional() });

export const keyTargetSchema = z.looseObject({ key: z.string().min(1) });

export const keyRegenerateSchema = z.looseObject({ key: z.string().min(1).optional(), new_key: keyGenerateSchema.shape.key });

export type KeyGenerateBody = z.output<typeof keyGenerateSchema>;

export const KEY_UPDATE_FIELDS = [
  'models',
  'max_budget',
  'budget_duration',
  'soft_budget',
  'rpm_limit',
  'tpm_limit',
  'max_parallel_requests',
  'model_max_budget',
  'model_rpm_limit',
  'model_tpm_limit',
  'user_id',
  'team_id',
  'key_alias',
  'metadata',
  'blocked',
  'budget_id',
] as const;
