// Builds the limits-and-spend machinery from the config: counters in memory, or in Redis
// when one is configured; the spend writer and customer lookups when there is a store.

import { dirname } from 'node:path';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { GatewayConfig } from '../config/gateway-config.js';
import { CallLimiter } from '../limits/call-limiter.js';
import type { CounterBackend } from '../limits/counter-backend.js';
import { LoadingCache } from '../limits/loading-cache.js';
import { applyBudgetRow } from '../limits/apply-budget-row.js';
import type { CustomerRecord } from '../governance/identity.js';
import type { GlobalLimits } from '../limits/limit-subject.js';
import { FailoverCounterBackend } from '../limits/failover-counter-backend.js';
import { MemoryCounterBackend } from '../limits/memory-counter-backend.js';
import { RedisCounterBackend } from '../limits/redis-counter-backend.js';
import type { RemainingSink } from '../limits/report-remaining.js';
import { resolveRedisTarget } from '../limits/resolve-redis-options.js';
import type { SendAlert } from '../observability/alerts/create-alerter.js';
import { DEFAULT_HOME } from '../store/create-store.js';
import type { Store } from '../store/store.js';
import { createBudgetAlerts } from './budget-alerts.js';
import { startBudgetResetSweep } from './budget-reset-sweep.js';
import { CallAccounting } from './call-accounting.js';
import { ConfiguredTagBudgets } from './configured-tag-budgets.js';
import { EntityBudgets } from './entity-budgets.js';
import { createSpendWriter } from './create-spend-writer.js';
import type { SpendLogWriter, SpendWriterOptions } from './spend-log-writer.js';
import { startSqliteSpendWorker } from './sqlite-spend-worker.js';

export interface CallAccountingSetup {
  accounting: CallAccounting;
  backend: CounterBackend;
  writer: SpendLogWriter | undefined;
  mode: 'memory' | 'redis';
  /** Drops a cached customer record (after /customer/update, /block) or all of them. */
  invalidateCustomer(customerId?: string): void;
  /** After the schema is migrated: replays a spend spool left by a previous run before serving. */
  start(): Promise<void>;
  /** Flushes the spend writer (spooling what the store cannot take), then disconnects the counters. */
  close(): Promise<void>;
}

export interface CreateCallAccountingOptions {
  config: GatewayConfig;
  store?: Store | undefined;
  logger: Logger;
  clock?: () => number;
  env?: NodeJS.ProcessEnv;
  writer?: Omit<SpendWriterOptions, 'sink' | 'logger'> | undefined;
  /** Remaining-quota gauges (observability's metrics.setRemaining). */
  remaining?: RemainingSink | undefined;
  /**
   * Write a SQLite store's spend from a worker thread with its own connection (the gateway
   * does when it opened the store itself; a store handed in, as tests do, is written as is).
   */
  sqliteWorker?: boolean;
  /** The gateway's metrics registry, for the spend writer's counters. */
  metricsRegistry?: Registry | undefined;
  /** Raises an alert (a quarantined spend row). */
  sendAlert?: SendAlert | undefined;
}

/** Logs a counter-backend failure at most every 10 s: Redis down means every request fails. */
function throttledErrorLog(logger: Logger): (error: unknown) => void {
  let lastAt = 0;
  return (error) => {
    const now = Date.now();
    if (now - lastAt < 10_000) return;
    lastAt = now;
    logger.error({ err: error }, 'rate-limit counters unreachable: calls are let through uncounted');
  };
}

export function createCallAccounting(options: CreateCallAccountingOptions): CallAccountingSetup {
  const { config, store, logger } = options;
  const redisTarget = resolveRedisTarget(config, options.env);
  // Redis behind a circuit breaker: when it is unreachable, counters fall back to memory.
  const backend: CounterBackend = redisTarget === undefined ? new MemoryCounterBackend() : new FailoverCounterBackend(new RedisCounterBackend(redisTarget));
  const settings = config.litellm_settings;
  const general = config.general_settings;
  const global: GlobalLimits = {
    maxBudget: numberOrNull(settings.max_budget),
    budgetDuration: typeof settings.budget_duration === 'string' ? settings.budget_duration : null,
    storedSpend: 0,
    customerMaxBudget: numberOrNull(settings.max_end_user_budget),
  };
  const batchSeconds = numberOrNull(general.proxy_batch_write_at);
  const sqliteFile =
    options.sqliteWorker === true && store !== undefined && store.dialect === 'sqlite' && 'location' in store && typeof store.location === 'string' ? store.location : undefined;
  // SQLite's writes run on a worker thread of their own (see sqlite-spend-worker.ts).
  const spendWorker = sqliteFile === undefined ? undefined : startSqliteSpendWorker(dirname(sqliteFile));
  const writer =
    store === undefined
      ? undefined
      : createSpendWriter({
          store,
          sink: spendWorker ?? store,
          logger,
          home: (options.env ?? process.env)['LLMUX_HOME'] ?? DEFAULT_HOME,
          metricsRegistry: options.metricsRegistry,
          sendAlert: options.sendAlert,
          settings: {
            // postMessage copies a batch on this thread (~1 µs a row): 200 rows stay well under a
            // millisecond. PostgreSQL's driver sends asynchronously and takes the default 500.
            ...(spendWorker === undefined ? {} : { batchSize: 200 }),
            ...(batchSeconds === null ? {} : { flushIntervalMs: batchSeconds * 1000 }),
            ...(numberOrNull(general.spend_logs_max_buffered_rows) === null ? {} : { maxBufferedRows: Number(general.spend_logs_max_buffered_rows) }),
            ...options.writer,
          },
        });
  if (store !== undefined && global.maxBudget !== null && global.budgetDuration === null) {
    // Without a period the global budget spans restarts: start from what the database holds.
    store.getGlobalSpend().then(
      (spend) => void (global.storedSpend = spend),
      (error: unknown) => logger.error({ err: error }, 'could not read the global spend; the global budget counts from 0'),
    );
  }
  const clock = options.clock ?? Date.now;
  const customers =
    store === undefined
      ? undefined
      : new LoadingCache({ load: async (id) => withBudgetRow(store, await store.getCustomer(id)), ttlMs: 30_000, maxEntries: 50_000, fallback: undefined });
  const sweepSeconds = numberOrNull(general.budget_reset_sweep_seconds) ?? 60;
  const stopSweep = store === undefined || writer === undefined ? undefined : startBudgetResetSweep(store, writer, logger, sweepSeconds * 1000, clock);
  const accounting = new CallAccounting({
    limiter: new CallLimiter(backend, throttledErrorLog(logger)),
    writer,
    customers,
    keyModelSpend: store === undefined ? undefined : new LoadingCache({ load: (token) => store.getKeyModelSpend(token), ttlMs: 60_000, maxEntries: 50_000, fallback: {} }),
    // Tag and organization budgets (/tag/*, /organization/*); a change is seen within 30 s, as a customer's is.
    entityBudgets: store === undefined ? undefined : new EntityBudgets(store),
    // Config tag budgets need no store: their spend is counted per period in the counters.
    configuredTagBudgets: settings.tag_budget_config === undefined ? undefined : new ConfiguredTagBudgets(settings.tag_budget_config),
    // Without the gateway's alerter (a bare accounting in tests), alerts are logged only.
    alerts: createBudgetAlerts(options.sendAlert ?? ((alert) => logger.warn({ alert: alert.type, ...alert.fields }, alert.message))),
    global,
    storePrompts: general.store_prompts_in_spend_logs === true && settings.turn_off_message_logging !== true,
    disableSpendLogs: general.disable_spend_logs === true,
    logger,
    remaining: options.remaining,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
  return {
    accounting,
    backend,
    writer,
    mode: redisTarget === undefined ? 'memory' : 'redis',
    invalidateCustomer: (customerId) => customers?.invalidate(customerId),
    start: async () => {
      await writer?.start();
    },
    close: async () => {
      stopSweep?.();
      await writer?.close();
      await spendWorker?.close();
      await backend.close();
    },
  };
}

/** A customer with its budget row's limits where it sets none (or no customer). */
async function withBudgetRow(store: Store, customer: CustomerRecord | undefined): Promise<CustomerRecord | undefined> {
  return customer === undefined ? undefined : applyBudgetRow(store, customer);
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
