// Builds metrics, logging callbacks, tracing and alerts from the config, and the one
// request observer the handler calls. What is not configured is not built: with no
// callbacks and no tracing, a request costs only its metric increments.

import type { Logger } from 'pino';
import type { GatewayConfig } from '../config/gateway-config.js';
import type { Route } from '../http/route.js';
import { createAlerts, type Alerts } from './alerts/create-alerts.js';
import { createCallbacks } from './callbacks/create-callbacks.js';
import { createGatewayMetrics, type GatewayMetrics } from './metrics/create-gateway-metrics.js';
import { createMetricsRoute } from './metrics/metrics-route.js';
import { composeObservers, type RequestObserver } from './request-observer.js';
import { createTracing, type Tracing } from './tracing/create-tracing.js';
import { tracingSettings } from './tracing/tracing-settings.js';

export interface Observability {
  readonly metrics: GatewayMetrics;
  /** Undefined when nothing observes requests (never, today: metrics are always on). */
  readonly observer: RequestObserver | undefined;
  readonly routes: Route[];
  /** `alerts.sendAlert(...)`: the one way to raise an alert; `alerts.onCooldown` feeds cooldowns. */
  readonly alerts: Alerts;
  /** Present when the `otel` callback is on. */
  readonly tracing: Tracing | undefined;
  /** Flushes queued callback events and spans. */
  close(): Promise<void>;
}

export interface ObservabilityOptions {
  config: GatewayConfig;
  logger: Logger;
  env?: NodeJS.ProcessEnv | undefined;
}

export function createObservability({ config, logger, env = process.env }: ObservabilityOptions): Observability {
  const metrics = createGatewayMetrics();
  const observers: RequestObserver[] = [metrics];
  const closers: Array<() => Promise<void>> = [];
  const callbacks = createCallbacks(config, logger, metrics, env);
  if (callbacks !== undefined) {
    observers.push(callbacks);
    closers.push(() => callbacks.close());
  }
  const alerts = createAlerts(config, logger, metrics, env);
  if (alerts.errorRateMonitor !== undefined) observers.push(alerts.errorRateMonitor);
  closers.push(() => alerts.close());
  const tracing = createTracingFromConfig(config, logger, env);
  if (tracing !== undefined) {
    observers.push(tracing);
    closers.push(() => tracing.close());
  }
  const isPublic = config.general_settings.public_metrics === true || config.litellm_settings.require_auth_for_metrics_endpoint === false;
  const routes = [createMetricsRoute({ render: metrics.render, contentType: metrics.registry.contentType, masterKey: config.general_settings.master_key, isPublic })];
  return {
    metrics,
    observer: composeObservers(observers),
    routes,
    tracing,
    alerts,
    close: async () => {
      await Promise.all(closers.map((close) => close()));
    },
  };
}

function createTracingFromConfig(config: GatewayConfig, logger: Logger, env: NodeJS.ProcessEnv): Tracing | undefined {
  const settings = tracingSettings(config, env);
  if (settings === undefined) return undefined;
  const { exportDelayMs, ...rest } = settings;
  return createTracing({ ...rest, logger, ...(exportDelayMs === undefined ? {} : { exportDelayMs }) });
}
