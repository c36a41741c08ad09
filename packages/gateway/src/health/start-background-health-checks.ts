// `general_settings.background_health_checks`: every `health_check_interval` seconds (300 by
// default, as in LiteLLM) every deployment is checked; one that fails cools down until the
// next round, so the router stops sending it calls (and the cooldown reaches the metrics,
// alerts and dashboard like any other). The last report answers GET /health?cached=true.

import type { HttpClient, Router } from 'llmux';
import type { Logger } from 'pino';
import { checkAllDeployments, toHealthReport, type HealthReport } from './run-health-checks.js';

const DEFAULT_INTERVAL_SECONDS = 300;

export interface BackgroundHealthChecks {
  latest(): HealthReport | undefined;
  stop(): void;
}

export function startBackgroundHealthChecks(router: Router, httpClient: HttpClient, logger: Logger, intervalSeconds = DEFAULT_INTERVAL_SECONDS): BackgroundHealthChecks {
  let latest: HealthReport | undefined;
  let running = false;
  const round = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      const checked = await checkAllDeployments(router, httpClient);
      const until = Date.now() + intervalSeconds * 1000;
      for (const { deployment, outcome } of checked) {
        if (outcome.status !== 'unhealthy') continue;
        router.stateStore.startCooldown(deployment.id, until);
        logger.warn(
          { deployment: deployment.id, modelGroup: deployment.model_name, error: outcome.error },
          'background health check failed: deployment cooling down until the next check',
        );
      }
      latest = toHealthReport(checked);
    } catch (error) {
      logger.error({ err: error }, 'background health checks failed to run');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void round(), 0);
  const timer = setInterval(() => void round(), intervalSeconds * 1000);
  first.unref();
  timer.unref();
  return {
    latest: () => latest,
    stop: () => {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
