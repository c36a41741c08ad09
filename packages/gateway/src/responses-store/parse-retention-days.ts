// `general_settings.responses_retention_days`: how long a stored Response is kept (default 30,
// fractions allowed). Read first thing at start: a value that is not a positive number
// refuses the start before any pool, timer or connection exists.

import type { GatewayConfig } from '../config/gateway-config.js';

const DEFAULT_RETENTION_DAYS = 30;

export function parseRetentionDays(config: GatewayConfig): number {
  const value = config.general_settings['responses_retention_days'];
  if (value === undefined || value === null) return DEFAULT_RETENTION_DAYS;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new Error(`llmux: general_settings.responses_retention_days must be a number of days above 0, got ${JSON.stringify(value)}`);
  }
  return value;
}
