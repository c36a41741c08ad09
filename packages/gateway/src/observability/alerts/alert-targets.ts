// Where alerts go, from LiteLLM's settings: `general_settings.alerting: ["webhook"]` posts
// JSON to `alerting_webhook_url` (or WEBHOOK_URL); `["slack"]` posts Slack's `{ text }` to
// SLACK_WEBHOOK_URL. An `alerting_webhook_url` alone also turns the webhook on.

import type { GatewayConfig } from '../../config/gateway-config.js';
import { nonEmptyString as nonEmpty } from '../../config/non-empty-string.js';

export interface AlertTarget {
  url: string;
  format: 'json' | 'slack';
}

export function resolveAlertTargets(config: GatewayConfig, env: NodeJS.ProcessEnv): AlertTarget[] {
  const settings = config.general_settings;
  const channels = settings.alerting ?? [];
  const targets: AlertTarget[] = [];
  const webhook = nonEmpty(settings.alerting_webhook_url) ?? nonEmpty(env['WEBHOOK_URL']);
  if (webhook !== undefined && (channels.includes('webhook') || nonEmpty(settings.alerting_webhook_url) !== undefined)) targets.push({ url: webhook, format: 'json' });
  const slack = nonEmpty(env['SLACK_WEBHOOK_URL']);
  if (channels.includes('slack') && slack !== undefined) targets.push({ url: slack, format: 'slack' });
  return targets;
}
