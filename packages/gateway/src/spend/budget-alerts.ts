// Soft-budget alerts: when a subject's spend reaches its `soft_budget`, POST one JSON alert
// per budget period to a webhook, without blocking the call. Target, first found:
// `general_settings.alerting_webhook_url`; else LiteLLM's `general_settings.alerting` list
// with `webhook` (env WEBHOOK_URL) or `slack` (env SLACK_WEBHOOK_URL, sent as `{ text }`).

import type { Logger } from 'pino';
import type { GatewayConfig } from '../config/gateway-config.js';
import type { LimitSubject } from '../limits/limit-subject.js';

export interface AlertTarget {
  url: string;
  slack: boolean;
}

export function resolveAlertTarget(config: GatewayConfig, env: NodeJS.ProcessEnv = process.env): AlertTarget | undefined {
  const settings = config.general_settings;
  if (typeof settings.alerting_webhook_url === 'string' && settings.alerting_webhook_url !== '') return { url: settings.alerting_webhook_url, slack: false };
  const alerting = Array.isArray(settings.alerting) ? (settings.alerting as unknown[]) : [];
  if (alerting.includes('webhook') && env.WEBHOOK_URL !== undefined) return { url: env.WEBHOOK_URL, slack: false };
  if (alerting.includes('slack') && env.SLACK_WEBHOOK_URL !== undefined) return { url: env.SLACK_WEBHOOK_URL, slack: true };
  return undefined;
}

export class BudgetAlerts {
  private readonly sent = new Set<string>();

  constructor(
    private readonly target: AlertTarget | undefined,
    private readonly logger: Logger,
  ) {}

  /** `periodKey` names the budget period, so each period alerts once (per instance). */
  softBudgetReached(subject: LimitSubject, spend: number, periodKey: string): void {
    if (subject.softBudget === null || spend < subject.softBudget || this.sent.has(periodKey)) return;
    if (this.sent.size > 100_000) this.sent.clear();
    this.sent.add(periodKey);
    const alert = {
      type: 'soft_budget_crossed',
      scope: subject.scope,
      id: subject.id,
      name: subject.label,
      spend,
      soft_budget: subject.softBudget,
      max_budget: subject.maxBudget,
      budget_duration: subject.budgetDuration,
      event_time: new Date().toISOString(),
    };
    this.logger.warn(alert, `soft budget reached for ${subject.label}`);
    if (this.target === undefined) return;
    const body = this.target.slack ? { text: `llmux: soft budget reached for ${subject.label}: spend ${spend} >= soft_budget ${subject.softBudget}` } : alert;
    fetch(this.target.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) })
      .then((response) => {
        if (!response.ok) this.logger.error({ status: response.status }, 'soft-budget webhook refused the alert');
      })
      .catch((error: unknown) => this.logger.error({ err: error }, 'soft-budget webhook unreachable'));
  }
}
