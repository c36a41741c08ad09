// LiteLLM's probe endpoints, open without a key so orchestrators can call them. They say
// the process serves requests; they do not call upstreams. Readiness also reports whether
// the database answers, but stays 200 when it does not: calls keep being served from
// cached keys and spend rows wait in the writer's buffer, so taking every instance out of a
// load balancer during a database outage would turn a degraded gateway into a dead one
// (LiteLLM's newest releases answer 503 there; llmux keeps serving and says so in `db`).
//
// The readiness body is LiteLLM's (status, db, cache, litellm_version, success_callbacks,
// log_level, last_updated) plus llmux's own fields: redis (the counters' backend), auth and version.

import type { Route } from '../http/route.js';
import { sendJson } from '../http/send-json.js';

/** A readiness probe must answer quickly even when the database hangs. */
const PING_TIMEOUT_MS = 1000;

export interface HealthDependencies {
  version: string;
  /** Resolves when the database answers. */
  pingDatabase: () => Promise<void>;
  /** Redis behind the counters: connected, or counting locally (limits/watch-counter-health.ts); null without Redis. */
  redisState?: () => 'connected' | 'degraded-local-fallback' | null;
  /** Whether API routes need a key; "disabled" on readiness tells an operator the gateway is open. */
  authEnabled?: boolean;
  /** The response cache's type (`local`, `redis`, `local-semantic`, ...), null without one: LiteLLM's `cache`. */
  cacheType?: string | null;
  /** Logging callbacks configured (success_callback and callbacks): LiteLLM's `success_callbacks`. */
  successCallbacks?: readonly string[];
  /** The log level, upper-case as LiteLLM reports Python's (`INFO`, `DEBUG`). */
  logLevel?: string;
}

export function createHealthRoutes({
  version,
  pingDatabase,
  redisState,
  authEnabled = true,
  cacheType = null,
  successCallbacks = [],
  logLevel = 'INFO',
}: HealthDependencies): Route[] {
  // LiteLLM's liveness body is a JSON string; probes that compare it verbatim keep working.
  const liveliness = JSON.stringify("I'm alive!");
  return [
    { method: 'GET', paths: ['/health/liveliness', '/health/liveness'], open: true, handle: (context) => sendJson(context, 200, liveliness) },
    {
      method: 'GET',
      paths: ['/health/readiness'],
      open: true,
      async handle(context) {
        const db = await databaseState(pingDatabase);
        const auth = authEnabled ? 'enabled' : 'disabled';
        // Redis down is a degraded state, not an unready one: counters fall back to memory.
        const redis = redisState?.() ?? null;
        const body = {
          status: 'healthy',
          db,
          cache: cacheType,
          litellm_version: version,
          success_callbacks: successCallbacks,
          log_level: logLevel,
          // When the database state above was read (LiteLLM's db health check time); llmux reads it on every probe.
          last_updated: new Date().toISOString(),
          redis,
          auth,
          version,
        };
        sendJson(context, 200, JSON.stringify(body));
      },
    },
  ];
}

async function databaseState(ping: () => Promise<void>): Promise<'connected' | 'disconnected'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'disconnected'>((resolve) => {
    timer = setTimeout(() => resolve('disconnected'), PING_TIMEOUT_MS);
  });
  try {
    return await Promise.race([ping().then(() => 'connected' as const), timeout]);
  } catch {
    return 'disconnected';
  } finally {
    clearTimeout(timer);
  }
}
