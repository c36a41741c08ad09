// The shared `sendAlert(...)`: any part of the gateway raises an alert with it (cooldowns,
// error-rate spikes, budget thresholds). Alerts are de-duplicated per key for a repeat
// interval, so a flapping deployment sends one alert, not thousands, and delivered off the
// request path through a small bounded queue with retries. Without targets it only logs.

import type { Logger } from 'pino';
import { BatchQueue } from '../callbacks/batch-queue.js';
import type { AlertTarget } from './alert-targets.js';

type AlertType = 'deployment_cooldown' | 'error_rate_spike' | 'budget_threshold' | 'soft_budget_crossed' | (string & {});

export interface Alert {
  type: AlertType;
  level: 'info' | 'warning' | 'critical';
  message: string;
  /** Alerts with the same key within the repeat interval are sent once (default: type + message). */
  dedupeKey?: string;
  /** Extra JSON fields (model group, deployment id, spend, ...). Never put keys here. */
  fields?: Record<string, unknown>;
}

export type SendAlert = (alert: Alert) => void;

export interface Alerter {
  sendAlert: SendAlert;
  close(): Promise<void>;
}

export interface AlerterOptions {
  targets: AlertTarget[];
  logger: Logger;
  /** Seconds before the same alert may repeat (default 300). */
  repeatSeconds?: number;
  onSent?: (type: string) => void;
  now?: () => number;
}

interface Delivery {
  target: AlertTarget;
  body: string;
}

const TIMEOUT_MS = 10_000;

export function createAlerter({ targets, logger, repeatSeconds = 300, onSent, now = Date.now }: AlerterOptions): Alerter {
  const lastSent = new Map<string, number>();
  const queue = new BatchQueue<Delivery>({
    batchSize: 1,
    capacity: 1_000,
    flushIntervalMs: 0,
    send: async ([delivery]) => {
      if (delivery === undefined) return;
      const response = await fetch(delivery.target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: delivery.body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`alert webhook answered ${response.status}`);
    },
    onOutcome: (outcome, count, error) => {
      if (outcome !== 'sent') logger.error({ outcome, alerts: count, err: error }, 'alert not delivered');
    },
  });
  return {
    sendAlert(alert) {
      const key = alert.dedupeKey ?? `${alert.type}:${alert.message}`;
      const at = now();
      const previous = lastSent.get(key);
      if (previous !== undefined && at - previous < repeatSeconds * 1000) return;
      lastSent.set(key, at);
      onSent?.(alert.type);
      logger.warn({ alert: alert.type, ...alert.fields }, alert.message);
      const timestamp = new Date(at).toISOString();
      for (const target of targets) {
        const body =
          target.format === 'slack'
            ? { text: `[llmux ${alert.level}] ${alert.message}` }
            : { event: alert.type, level: alert.level, event_message: alert.message, timestamp, ...alert.fields };
        queue.push({ target, body: JSON.stringify(body) });
      }
    },
    close: () => queue.close(),
  };
}
