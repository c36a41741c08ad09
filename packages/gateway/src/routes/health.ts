// LiteLLM's probe endpoints, open without a key so orchestrators can call them. They say
// the process serves requests; they do not call upstreams. Readiness also reports whether
// the database answers, but stays 200 when it does not: calls keep being served from
// cached keys and spend rows wait in the writer's buffer, so taking every instance out of a
// load balancer during a database outage would turn a degraded gateway into a dead one.

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
}

export function createHealthRoutes({ version, pingDatabase, redisState, authEnabled = true }: HealthDependencies): Route[] {
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
        sendJson(context, 200, JSON.stringify({ status: 'healthy', db, cache: null, redis, auth, litellm_version: version, version }));
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
