// Minimal zod schema of the config fields the gateway reads. Unknown keys pass (LiteLLM
// has hundreds of settings); sections left empty in YAML (`litellm_settings:`) are null.

import { z } from 'zod';
import { budgetDuration } from './budget-duration-schema.js';
import { newRecordDefaultsSettings } from './new-record-defaults-schema.js';
import { tagBudgetConfig } from './tag-budget-config-schema.js';
import { defaultTeamSettings } from './team-logging-settings-schema.js';
import { routerRetrySettings, routerSettingsShape } from './router-settings-schema.js';
import { observabilityGeneralSettings, observabilityLitellmSettings } from './observability-settings-schema.js';

const stringish = z.union([z.string(), z.number()]).transform(String);

const deploymentSchema = z.looseObject({
  model_name: stringish.pipe(z.string().min(1)),
  litellm_params: z.looseObject({
    model: z.string().min(1),
    api_key: z.string().optional(),
    api_base: z.string().optional(),
    api_version: stringish.optional(),
    rpm: z.number().nonnegative().optional(),
    tpm: z.number().nonnegative().optional(),
    weight: z.number().nonnegative().optional(),
    timeout: z.number().positive().optional(),
    stream_timeout: z.number().positive().optional(),
    // A deployment's own budget (LiteLLM's model budgets): the router skips it once spent.
    max_budget: z.number().nonnegative().optional(),
    budget_duration: budgetDuration.optional(),
  }),
  model_info: z
    .looseObject({ id: stringish.optional() })
    .nullish()
    .transform((info) => info ?? undefined),
});

const section = <Shape extends z.core.$ZodLooseShape>(shape: Shape) =>
  z
    .looseObject(shape)
    .nullish()
    .transform((value) => value ?? {});

export const configSchema = z.looseObject({
  model_list: z
    .array(deploymentSchema)
    .nullish()
    .transform((list) => list ?? []),
  litellm_settings: section({
    drop_params: z.boolean().optional(),
    request_timeout: z.number().positive().optional(),
    // llmux's own: refuse calls to a deployment with no known price (no $0 rows past a budget).
    reject_unpriced: z.boolean().optional(),
    ...routerRetrySettings,
    ...observabilityLitellmSettings,
    ...newRecordDefaultsSettings,
    tag_budget_config: tagBudgetConfig.optional(),
    default_team_settings: defaultTeamSettings.optional(),
  }),
  general_settings: section({
    master_key: stringish.optional(),
    max_request_size_mb: z.number().positive().optional(),
    shutdown_grace_seconds: z.number().nonnegative().max(3600).optional(),
    background_health_checks: z.boolean().optional(),
    health_check_interval: z.number().positive().optional(),
    ...observabilityGeneralSettings,
  }),
  router_settings: section(routerSettingsShape),
  environment_variables: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String))
    .nullish()
    .transform((value) => value ?? {}),
});
