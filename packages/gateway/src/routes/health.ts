// LiteLLM's probe endpoints, open without a key so orchestrators can call them. They say
// the process serves requests; they do not call upstreams (that is `/health`, later).

import type { Route } from '../http/route.js';
import { sendJson } from '../http/send-json.js';

export function createHealthRoutes(version: string): Route[] {
  const liveliness = JSON.stringify({ status: 'healthy' });
  const readiness = JSON.stringify({ status: 'healthy', db: 'Not connected', cache: null, version });
  return [
    { method: 'GET', paths: ['/health/liveliness', '/health/liveness'], open: true, handle: (context) => sendJson(context, 200, liveliness) },
    { method: 'GET', paths: ['/health/readiness'], open: true, handle: (context) => sendJson(context, 200, readiness) },
  ];
}
