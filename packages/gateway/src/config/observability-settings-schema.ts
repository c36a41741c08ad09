// Config fields for metrics, logging callbacks and alerts, in LiteLLM's names, validated
// so a typo'd list (`success_callback: generic_api` without brackets) names the field.

import { z } from 'zod';

// A dotted name is LiteLLM's Python custom callback (`custom_callbacks.proxy_handler_instance`):
// llmux cannot load Python, so the start is refused naming it rather than logging nothing.
const callbackName = z.string().refine((name) => !/^[A-Za-z_][\w]*(\.[A-Za-z_]\w*)+$/.test(name), {
  message: 'is a Python custom callback (module.instance), which llmux cannot load; use generic_api, otel, langfuse or another built-in name',
});
const callbackNames = z.array(callbackName).optional();
// `callbacks` alone LiteLLM also takes as one plain string (`callbacks: otel`).
const oneOrMoreCallbacks = z.preprocess((value) => (typeof value === 'string' ? [value] : value), callbackNames);
const names = z.array(z.string()).optional();

export const observabilityLitellmSettings = {
  success_callback: callbackNames,
  failure_callback: callbackNames,
  callbacks: oneOrMoreCallbacks,
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
  disable_spend_logs: z.boolean().optional(),
};
