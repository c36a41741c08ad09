// Config fields for metrics, logging callbacks and alerts, in LiteLLM's names, validated
// so a typo'd list (`success_callback: generic_api` without brackets) names the field.

import { z } from 'zod';

const names = z.array(z.string()).optional();

export const observabilityLitellmSettings = {
  success_callback: names,
  failure_callback: names,
  callbacks: names,
  callback_settings: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  turn_off_message_logging: z.boolean().optional(),
  require_auth_for_metrics_endpoint: z.boolean().optional(),
};

export const observabilityGeneralSettings = {
  public_metrics: z.boolean().optional(),
  alerting: names,
  alerting_webhook_url: z.string().optional(),
  alerting_args: z.record(z.string(), z.unknown()).optional(),
  store_prompts_in_spend_logs: z.boolean().optional(),
};
