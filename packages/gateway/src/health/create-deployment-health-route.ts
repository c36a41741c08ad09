// GET /health (LiteLLM's): checks every deployment, or one model group's with `?model=`, and
// answers which are healthy. It spends upstream tokens and reveals the deployment list, so
// it needs the master key (a proxy admin) whenever authentication is on. `?cached=true`
// answers the last background round instead, when background checks run.

import { AuthenticationError, NotFoundError, PermissionDeniedError, type HttpClient, type Router } from 'llmux';
import type { Route } from '../http/route.js';
import { sendJson } from '../http/send-json.js';
import { checkAllDeployments, toHealthReport, type HealthReport } from './run-health-checks.js';

export interface DeploymentHealthRouteOptions {
  router: Router;
  httpClient: HttpClient;
  authEnabled: boolean;
  /** The last background round's report, when background checks run. */
  latest: () => HealthReport | undefined;
}

export function createDeploymentHealthRoute({ router, httpClient, authEnabled, latest }: DeploymentHealthRouteOptions): Route {
  return {
    method: 'GET',
    paths: ['/health'],
    async handle(context) {
      if (authEnabled) {
        if (context.identity === undefined) throw new AuthenticationError('GET /health needs the master key.', { code: 'invalid_api_key' });
        if (context.identity.role !== 'proxy_admin') throw new PermissionDeniedError('GET /health needs the master key (a proxy admin).', { code: 'forbidden' });
      }
      const query = new URLSearchParams((context.request.url ?? '').split('?')[1] ?? '');
      const model = query.get('model') ?? undefined;
      const cached = query.get('cached') === 'true' ? latest() : undefined;
      if (cached !== undefined && model === undefined) return sendJson(context, 200, JSON.stringify(cached));
      if (model !== undefined && !router.hasModel(model)) throw new NotFoundError(`no model group named "${model}"`, { code: 'model_not_found' });
      sendJson(context, 200, JSON.stringify(toHealthReport(await checkAllDeployments(router, httpClient, model))));
    },
  };
}
