// LiteLLM's `litellm_settings.default_team_settings`: per-team logging callbacks. A team's
// calls must reach the team's own destination, so everything is checked strictly and fails
// closed: a callback llmux cannot serve per team, a sink without its own endpoint or path
// (which would fall back to the global one), an unknown field or a team listed twice stops
// the start naming its path. LiteLLM puts a callback's credentials inline in the entry
// (`langfuse_public_key`); llmux's sinks take theirs from the entry's `callback_settings`.

import { z } from 'zod';

/** Sinks llmux can point at a team's own destination (observability/callbacks). */
const TEAM_SINKS = ['webhook', 'generic_api', 'file'];

const teamCallbackNames = z
  .array(z.string())
  .superRefine((names, context) => {
    for (const name of names) {
      if (TEAM_SINKS.includes(name)) continue;
      context.addIssue({
        code: 'custom',
        message: `"${name}" is not a callback llmux serves per team (${TEAM_SINKS.join(', ')}); the team's calls would not reach its own destination`,
      });
    }
  })
  .optional();

// The global sinks' settings, minus the environment fallbacks: a team's sink names its own.
const teamSinkSettings = z.strictObject({
  endpoint: z.string().min(1).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  path: z.string().min(1).optional(),
  batch_size: z.number().int().positive().optional(),
  flush_interval: z.number().positive().optional(),
  max_queue_size: z.number().int().positive().optional(),
  max_retries: z.number().int().nonnegative().optional(),
});

const teamEntry = z
  .strictObject({
    team_id: z.string().min(1),
    success_callback: teamCallbackNames,
    failure_callback: teamCallbackNames,
    callbacks: z.preprocess((value) => (typeof value === 'string' ? [value] : value), teamCallbackNames),
    callback_settings: z.record(z.string(), teamSinkSettings).optional(),
  })
  .superRefine((entry, context) => {
    const named = teamSinkNames(entry);
    if (named.size === 0) context.addIssue({ code: 'custom', message: 'names no callback (success_callback, failure_callback or callbacks)' });
    for (const name of named) {
      const needed = name === 'file' ? 'path' : 'endpoint';
      if (entry.callback_settings?.[name]?.[needed] === undefined) {
        context.addIssue({
          code: 'custom',
          path: ['callback_settings', name, needed],
          message: `required: without it the team's calls would go to the global ${name} destination`,
        });
      }
    }
    for (const name of Object.keys(entry.callback_settings ?? {})) {
      if (!named.has(name)) context.addIssue({ code: 'custom', path: ['callback_settings', name], message: `settings for a callback this entry does not name` });
    }
  });

export const defaultTeamSettings = z.array(teamEntry).superRefine((entries, context) => {
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    if (seen.has(entry.team_id)) context.addIssue({ code: 'custom', path: [index, 'team_id'], message: `team "${entry.team_id}" is listed twice` });
    seen.add(entry.team_id);
  });
});

export type TeamLoggingSettings = z.output<typeof teamEntry>;

/** Every sink an entry names, for success, failure or both. */
export function teamSinkNames(entry: Pick<TeamLoggingSettings, 'success_callback' | 'failure_callback' | 'callbacks'>): Set<string> {
  return new Set([...(entry.success_callback ?? []), ...(entry.failure_callback ?? []), ...(entry.callbacks ?? [])]);
}
