// Alerts from the config: the shared alerter, the error-rate monitor (a request observer)
// and the cooldown listener that also feeds the cooldown metric.

import { deploymentId, splitProviderModel, type Deployment } from 'llmux';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../../config/gateway-config.js';
import type { GatewayMetrics } from '../metrics/create-gateway-metrics.js';
import type { RequestObserver } from '../request-observer.js';
import { resolveAlertTargets } from './alert-targets.js';
import { createAlerter, type Alerter } from './create-alerter.js';
import { createErrorRateMonitor } from './error-rate-monitor.js';
import type { CooldownListener } from './watch-cooldowns.js';

export interface Alerts extends Alerter {
  /** Undefined when no alert channel is configured: spikes are then only visible in metrics. */
  readonly errorRateMonitor: RequestObserver | undefined;
  readonly onCooldown: CooldownListener;
}

export function createAlerts(config: GatewayConfig, logger: Logger, metrics: GatewayMetrics, env: NodeJS.ProcessEnv): Alerts {
  const targets = resolveAlertTargets(config, env);
  const args = config.general_settings.alerting_args ?? {};
  const number = (key: string, fallback: number) => (typeof args[key] === 'number' ? (args[key] as number) : fallback);
  const alerter = createAlerter({ targets, logger, repeatSeconds: number('repeat_seconds', 300), onSent: (type) => metrics.countAlert(type) });
  const deployments = new Map<string, Deployment>(config.model_list.map((deployment) => [deploymentId(deployment), deployment]));
  const errorRateMonitor =
    targets.length === 0
      ? undefined
      : createErrorRateMonitor(
          { threshold: number('error_rate_threshold', 0.5), windowSeconds: number('error_rate_window_seconds', 60), minRequests: number('error_rate_min_requests', 10) },
          alerter.sendAlert,
        );
  return {
    ...alerter,
    errorRateMonitor,
    onCooldown(id, untilMs) {
      const deployment = deployments.get(id);
      const model = deployment?.litellm_params.model ?? '';
      const split = splitProviderModel(model);
      metrics.recordCooldown({ model: split.model, deploymentId: id, provider: split.provider });
      const seconds = Math.max(0, Math.round((untilMs - Date.now()) / 1000));
      alerter.sendAlert({
        type: 'deployment_cooldown',
        level: 'warning',
        message: `deployment ${id} of model group ${deployment?.model_name ?? '?'} is cooling down for ${seconds}s`,
        dedupeKey: `deployment_cooldown:${id}`,
        fields: { model_group: deployment?.model_name ?? null, model_id: id, model, cooldown_seconds: seconds },
      });
    },
  };
}
