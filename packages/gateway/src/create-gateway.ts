// Builds a gateway from a config: the Router over model_list, the routes, the governance
// pre-hooks and the node:http server. Nothing happens until listen().

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpClient, Router, tokenCounter, type CallOptions } from 'llmux';
import type { Logger } from 'pino';
import { createConfigReloadRoute, type ConfigReloadResult } from './config/create-config-reload-route.js';
import type { GatewayConfig } from './config/gateway-config.js';
import { routerSettingsFromConfig } from './config/router-settings-from-config.js';
import { formatUrl } from './format-url.js';
import { createGovernance, type Governance } from './governance/create-governance.js';
import { registerKeyCacheMetrics } from './governance/key-cache-metrics.js';
import type { PreHook } from './governance/pre-hook.js';
import { createRequestHandler } from './http/create-request-handler.js';
import { RouteTable } from './http/route-table.js';
import { watchCounterHealth } from './limits/watch-counter-health.js';
import { createLogger } from './logging/create-logger.js';
import { watchCooldowns } from './observability/alerts/watch-cooldowns.js';
import { createObservability, type Observability } from './observability/create-observability.js';
import { createCacheSetup } from './cache/create-cache-setup.js';
import { parseCacheSettings } from './cache/parse-cache-settings.js';
import { createGuardrailSetup } from './guardrails/create-guardrail-setup.js';
import { parseGuardrailSettings } from './guardrails/parse-guardrail-settings.js';
import { addOperationRoutes } from './core/create-operation-routes.js';
import { OpenStreams } from './core/open-streams.js';
import { OPERATIONS } from './core/operations/index.js';
import { createStoredResponseRoutes } from './responses-store/create-stored-response-routes.js';
import { createFilesBatchesRoutes } from './core/operations/files-batches-routes.js';
import { parseRetentionDays } from './responses-store/parse-retention-days.js';
import { StoredResponses } from './responses-store/stored-responses.js';
import { createDeploymentHealthRoute } from './health/create-deployment-health-route.js';
import { startBackgroundHealthChecks, type BackgroundHealthChecks } from './health/start-background-health-checks.js';
import { readinessDetails } from './health/readiness-details.js';
import { createHealthRoutes } from './routes/health.js';
import { createModelsRoute } from './routes/models.js';
import { createProviderBudgets } from './provider-budgets/create-provider-budgets.js';
import { createTeamMemberBudgets } from './team-member-budgets/create-team-member-budgets.js';
import { createRouterStateStore } from './router-state/create-router-state-store.js';
import { createCallAccounting, type CallAccountingSetup } from './spend/create-call-accounting.js';
import type { SpendWriterOptions } from './spend/spend-log-writer.js';
import type { Store } from './store/store.js';
import { createUiRoutes } from './ui/create-ui-routes.js';
import { readGatewayVersion } from './version.js';

const DEFAULT_MAX_REQUEST_SIZE_MB = 20;
/** How long close() lets in-flight requests (long streams) finish before cutting them. */
const DEFAULT_CLOSE_GRACE_MS = 10_000;

/**
 * Connections the kernel may queue before the gateway accepts them (capped by
 * net.core.somaxconn). Node's default, 511, reset connections during a burst of new
 * streams in the benchmark (2,300 a second: each stream's setup is ~1 ms of CPU); a
 * queued connection waits a little instead of failing.
 */
const LISTEN_BACKLOG = 4096;

export interface GatewayOptions {
  config: GatewayConfig;
  logger?: Logger;
  closeGraceMs?: number;
  /** Keys, customers and spend; without one, limits still apply but no spend is written. */
  store?: Store;
  /** Epoch ms for limits and budgets (tests move time). */
  clock?: () => number;
  /** Spend writer tuning (tests flush fast). */
  spendWriter?: Omit<SpendWriterOptions, 'sink' | 'logger'>;
  /** Environment read for REDIS_URL and alert webhooks (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** The built dashboard served at /ui (default: packages/dashboard/dist beside the gateway). */
  dashboardDirectory?: string;
  /** Re-reads the config file (the CLI's); given, POST /config/reload is served. */
  reloadConfig?: () => Promise<ConfigReloadResult>;
}

export interface Gateway {
  readonly server: Server;
  readonly router: Router;
  readonly logger: Logger;
  /** Metrics registry (setRemaining, recordCooldown), alerts (sendAlert) and callbacks. */
  readonly observability: Observability;
  /** Rate limits, budgets and the spend writer (counters are readable for metrics). */
  readonly accounting: CallAccountingSetup;
  /** The store, key cache and management API (virtual keys, users, teams, audit). */
  readonly governance: Governance;
  /** Starts listening; resolves to a URL clients can use (port 0 → the port chosen). */
  listen(port?: number, host?: string): Promise<string>;
  /** Stops accepting, lets in-flight requests finish (up to the grace period), frees pools. */
  close(): Promise<void>;
}

export function createGateway(options: GatewayOptions): Gateway {
  const { config } = options;
  const logger = options.logger ?? createLogger();
  // First: a cache type llmux lacks refuses the start before any pool, timer or connection exists.
  const cacheSettings = parseCacheSettings(config);
  // The same for a guardrail llmux lacks or a field it does not know.
  const guardrailEntries = parseGuardrailSettings(config);
  // And for a stored Responses retention that is not a number of days.
  const responsesRetentionDays = parseRetentionDays(config);
  // The gateway's own upstream pool, so close() can release its connections.
  const httpClient = new HttpClient();
  // Cooldowns, usage and latency: in Redis when configured, so instances route as one.
  const routerState = createRouterStateStore(config, logger, options.env);
  // Budget routing (provider_budget_config, a deployment's max_budget): spend in the limits' counters, built below.
  const providerBudgets = createProviderBudgets(config, () => accounting.backend, logger, options.env);
  const router = new Router({
    ...routerSettingsFromConfig(config),
    modelList: config.model_list,
    defaults: routerDefaults(config, httpClient),
    // Wrapped so cooldowns reach the metrics and alerts (called only once requests flow).
    stateStore: watchCooldowns(routerState.store, (id, untilMs) => observability.alerts.onCooldown(id, untilMs)),
    budgets: providerBudgets.budgets,
  });
  const bodyLimitBytes = Math.floor((config.general_settings.max_request_size_mb ?? DEFAULT_MAX_REQUEST_SIZE_MB) * 1024 * 1024);
  // Built first: it owns the store the accounting writes spend to.
  const governance = createGovernance({ config, logger, router, store: options.store, env: options.env });
  const observability = createObservability({ config, logger, env: options.env });
  const accounting = createCallAccounting({
    config,
    store: governance.store,
    logger,
    clock: options.clock,
    env: options.env,
    writer: options.spendWriter,
    remaining: (update) => observability.metrics.setRemaining(update),
    sqliteWorker: options.store === undefined,
    // The spend writer's quarantine/spool metrics and its quarantine alert.
    metricsRegistry: observability.metrics.registry,
    sendAlert: observability.alerts.sendAlert,
  });
  // The counters' Redis circuit breaker: its metrics, alerts and readiness field.
  const redisState = watchCounterHealth(accounting.backend, { registry: observability.metrics.registry, sendAlert: observability.alerts.sendAlert, logger });
  registerKeyCacheMetrics(governance.cache, observability.metrics.registry);
  const routes = new RouteTable([
    ...createHealthRoutes({
      version: readGatewayVersion(),
      pingDatabase: () => governance.store.ping(),
      redisState,
      authEnabled: governance.authHook !== undefined,
      ...readinessDetails(config, cacheSettings, logger),
    }),
    createModelsRoute(router, Math.floor(Date.now() / 1000)),
  ]);
  // Streams in flight: close() ends those still open after the grace period, in their dialect.
  const streams = new OpenStreams();
  // The response cache (litellm_settings.cache): hooks on the cached operations, and its admin routes.
  const cache = createCacheSetup(cacheSettings, config, logger, options.env);
  // Guardrails (top-level `guardrails:`): hooks around the cache's, and the /guardrails routes.
  const guardrails = createGuardrailSetup(guardrailEntries, router);
  // general_settings.chat_passthrough: false translates every chat call (the passthrough's off switch).
  const chatPassthrough = config.general_settings['chat_passthrough'] !== false;
  // Stored Responses (POST /v1/responses keeps them; GET/DELETE/input_items read them), swept when they expire.
  // Team member budgets (max_budget_in_team), in the limits' counters.
  const memberBudgets = createTeamMemberBudgets(
    () => accounting.backend,
    () => governance.store,
  );
  const storedResponses = new StoredResponses({ store: governance.store, logger, retentionDays: responsesRetentionDays });
  addOperationRoutes(routes, OPERATIONS, { router, bodyLimitBytes, accounting: accounting.accounting, streams, chatPassthrough, storedResponses }, (operation, hooks) =>
    memberBudgets.hooksFor(operation, guardrails.hooksFor(operation, cache.hooksFor(operation, providerBudgets.hooksFor(operation, hooks)))),
  );
  for (const route of providerBudgets.routes) routes.add(route);
  for (const route of guardrails.routes) routes.add(route);
  for (const route of createStoredResponseRoutes(storedResponses)) routes.add(route);
  // /v1/files and /v1/batches: owned by the key that made them, each on the deployment that holds it.
  for (const route of createFilesBatchesRoutes({ router, store: governance.store, bodyLimitBytes, accounting: accounting.accounting })) routes.add(route);
  for (const route of cache.routes) routes.add(route);
  for (const route of observability.routes) routes.add(route);
  for (const route of governance.routes) routes.add(route);
  // GET /health calls every deployment; background checks (started by listen) cool failing ones down.
  let backgroundHealth: BackgroundHealthChecks | undefined;
  routes.add(createDeploymentHealthRoute({ router, httpClient, authEnabled: governance.authHook !== undefined, latest: () => backgroundHealth?.latest() }));
  if (options.reloadConfig !== undefined) routes.add(createConfigReloadRoute(options.reloadConfig));
  const ui = createUiRoutes(options.dashboardDirectory);
  routes.addPrefix(ui.files);
  routes.add(ui.session);
  const preHooks: PreHook[] = [];
  // Authentication runs first: every hook behind it reads context.identity.
  if (governance.authHook !== undefined) preHooks.push(governance.authHook);
  else logger.warn('no master key configured: every API route is open to anyone who can reach the server');

  const server = createServer(createRequestHandler({ routes, preHooks, logger, observer: observability.observer }));
  // Longer than common load balancers' idle timeout (60 s), so they never reuse a closed socket.
  server.keepAliveTimeout = 65_000;

  return {
    server,
    router,
    logger,
    observability,
    accounting,
    governance,
    // Without a master key every route is open: listen on loopback unless told otherwise.
    listen: async (port = 4000, host = governance.authHook === undefined ? '127.0.0.1' : '0.0.0.0') => {
      // Migrate (or refuse a newer schema) before taking any request.
      await governance.start();
      // A spend spool left by a stop while the store was down: replayed before serving, so budgets read whole totals.
      await accounting.start();
      // Routing budgets start from the spend the store holds for their current period.
      await providerBudgets.start(governance.store);
      // After the migration: the sweep deletes from the stored Responses' table.
      storedResponses.startSweep();
      await routerState.ready;
      // A redis-semantic cache refuses the start on a Redis without vector search.
      await cache.start();
      // The tokenizer loads synchronously on first use (0.6 s of module compile here, seconds on a
      // loaded machine) with the event loop stopped, signals and new connections included, which
      // stalled the first stream: the encodings the deployments use are loaded before serving.
      for (const model of new Set(config.model_list.map((deployment) => deployment.litellm_params.model))) tokenCounter({ model, text: 'warm up' });
      return new Promise<string>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port, host, backlog: LISTEN_BACKLOG }, () => {
          server.off('error', reject);
          if (config.general_settings.background_health_checks === true) {
            backgroundHealth = startBackgroundHealthChecks(router, httpClient, logger, config.general_settings.health_check_interval);
          }
          resolve(formatUrl(server.address() as AddressInfo));
        });
      });
    },
    close: async () => {
      backgroundHealth?.stop();
      await closeServer(server, options.closeGraceMs ?? DEFAULT_CLOSE_GRACE_MS, streams);
      await httpClient.close();
      await routerState.store.close();
      await providerBudgets.close();
      await cache.close();
      await guardrails.close();
      // After the server: every call has ended, so the writer's last flush has every row.
      await accounting.close();
      // After the writer's last flush, which needs the store.
      // Stored Responses' writes in flight, before the store closes.
      await storedResponses.close();
      await governance.close();
      await observability.close();
      await new Promise<void>((resolve) => logger.flush(() => resolve()));
    },
  };
}

function routerDefaults(config: GatewayConfig, httpClient: HttpClient): CallOptions {
  const settings = config.litellm_settings;
  const defaults: CallOptions = { http_client: httpClient };
  if (settings.drop_params !== undefined) defaults.drop_params = settings.drop_params;
  if (settings.request_timeout !== undefined) defaults.timeout = settings.request_timeout;
  if (settings.reject_unpriced === true) defaults.reject_unpriced = true;
  return defaults;
}

function closeServer(server: Server, graceMs: number, streams: OpenStreams): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    // Streams still open get their dialect's terminal error (and are billed) before the cut.
    const deadline = setTimeout(() => void streams.shutDownAll().then(() => server.closeAllConnections()), graceMs);
    deadline.unref();
    server.close(() => {
      clearTimeout(deadline);
      resolve();
    });
    server.closeIdleConnections();
  });
}
