// Makes the counters' circuit breaker visible: a gauge (1 while counting in local memory)
// and counters on the metrics registry, a log line and an alert when the gateway falls back
// to local counters and when Redis is back, and the state `/health/readiness` reports.

import { Counter, Gauge, type Registry } from 'prom-client';
import type { Logger } from 'pino';
import type { SendAlert } from '../observability/alerts/create-alerter.js';
import type { CounterBackend } from './counter-backend.js';
import { FailoverCounterBackend } from './failover-counter-backend.js';

/** What readiness says of Redis; null when none is configured (counters are local by design). */
export type RedisReadiness = 'connected' | 'degraded-local-fallback' | null;

export interface CounterHealthOptions {
  registry: Registry;
  sendAlert: SendAlert;
  logger: Logger;
}

export function watchCounterHealth(backend: CounterBackend, { registry, sendAlert, logger }: CounterHealthOptions): () => RedisReadiness {
  if (!(backend instanceof FailoverCounterBackend)) return () => null;
  // Read at scrape time: nothing is added to a request's path.
  new Gauge({
    name: 'llmux_redis_fallback_active',
    help: '1 while rate-limit and budget counters are kept in local memory because Redis is unreachable',
    registers: [registry],
    collect() {
      this.set(backend.mode === 'redis' ? 0 : 1);
    },
  });
  new Counter({
    name: 'llmux_redis_fallback_total',
    help: 'Times the counters fell back to local memory (the Redis circuit breaker opened)',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(backend.openings);
    },
  });
  new Counter({
    name: 'llmux_redis_resynced_keys_total',
    help: 'Counter keys whose local increments were added back to Redis when it returned',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(backend.resyncedKeys);
    },
  });
  backend.onModeChange((mode, previous, error) => {
    if (mode === 'local') {
      logger.error({ err: error }, 'Redis unreachable: rate-limit and budget counters fall back to local memory (limits enforced per instance)');
      sendAlert({
        type: 'redis_unavailable',
        level: 'critical',
        message: 'Redis is unreachable: rate limits and budgets are counted per instance until it returns',
        dedupeKey: 'redis_unavailable',
      });
    } else if (previous === 'local') {
      logger.info({ resynced_keys: backend.resyncedKeys }, 'Redis is back: local counts added to it, counters shared again');
      sendAlert({ type: 'redis_recovered', level: 'info', message: 'Redis is reachable again: counters are shared again', dedupeKey: 'redis_recovered' });
    }
  });
  return () => (backend.mode === 'redis' ? 'connected' : 'degraded-local-fallback');
}
