// Stored Responses from the config: `general_settings.responses_retention_days` (default 30,
// fractions allowed) says how long each is kept; a value that is not a positive number
// refuses the start.

import type { Logger } from 'pino';
import type { GatewayConfig } from '../config/gateway-config.js';
import type { Store } from '../store/store.js';
import { StoredResponses } from './stored-responses.js';

const DEFAULT_RETENTION_DAYS = 30;

export function createStoredResponses(config: GatewayConfig, store: Store, logger: Logger): StoredResponses {
  const value = config.general_settings['responses_retention_days'];
  let retentionDays = DEFAULT_RETENTION_DAYS;
  if (value !== undefined && value !== null) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new Error(`llmux: general_settings.responses_retention_days must be a number of days above 0, got ${JSON.stringify(value)}`);
    }
    retentionDays = value;
  }
  return new StoredResponses({ store, logger, retentionDays });
}
