// The metrics registry and the per-request recorder. Label values are resolved once per
// request (with cardinality caps); the request then costs two Map lookups and a few
// additions to plain numbers. prom-client serves the gauges and default process metrics.

import { Registry } from 'prom-client';
import type { RequestContext } from '../../http/request-context.js';
import { readCaller } from '../read-caller.js';
import type { RequestObserver } from '../request-observer.js';
import { type CallStats, createCallStats, type StatusStats } from './call-stats.js';
import { defineMetrics } from './define-metrics.js';
import { LabelCap, OTHER } from './label-cap.js';
import { createRemainingGauges, type RemainingUpdate } from './remaining-gauges.js';
import { renderCallMetrics } from './render-call-metrics.js';

export type { RemainingUpdate } from './remaining-gauges.js';

export interface GatewayMetricsOptions {
  /** Distinct key aliases (and teams) reported by name; later ones report as `other`. */
  maxCallers?: number;
  /** Distinct requested model names reported; a client inventing names cannot grow the set. */
  maxModels?: number;
}

interface CooldownEvent {
  model: string;
  deploymentId: string;
  provider: string;
  status?: number;
}

export interface GatewayMetrics extends RequestObserver {
  readonly registry: Registry;
  /** The whole exposition: per-request series and the registry's metrics. */
  render(): Promise<string>;
  /** Feeds the remaining-budget and rate-limit gauges (called by the limits and budgets code). */
  setRemaining(update: RemainingUpdate): void;
  recordCooldown(event: CooldownEvent): void;
  countCallback(callback: string, outcome: 'sent' | 'failed' | 'dropped', count?: number): void;
  countAlert(type: string): void;
}

export function createGatewayMetrics(options: GatewayMetricsOptions = {}): GatewayMetrics {
  const registry = new Registry();
  let inFlight = 0;
  const metrics = defineMetrics(registry, () => inFlight);
  const callers = new LabelCap(options.maxCallers ?? 100);
  const teams = new LabelCap(options.maxCallers ?? 100);
  const models = new LabelCap(options.maxModels ?? 200);
  const calls = new Map<string, CallStats>();
  const statuses: StatusStats[] = [];
  const remaining = createRemainingGauges(metrics, callers, teams);

  const callFor = (labels: string[]): CallStats => {
    const key = labels.join('\u0001');
    let call = calls.get(key);
    if (call === undefined) {
      call = createCallStats(labels);
      calls.set(key, call);
    }
    return call;
  };

  // Nested by status then error class on the call itself: no key strings to build per request.
  const statusFor = (call: CallStats, status: number, errorClass: string): StatusStats => {
    let byClass = call.statuses.get(status);
    if (byClass === undefined) {
      byClass = new Map();
      call.statuses.set(status, byClass);
    }
    let stats = byClass.get(errorClass);
    if (stats === undefined) {
      stats = { call, statusCode: String(status), errorClass, count: 0 };
      byClass.set(errorClass, stats);
      statuses.push(stats);
    }
    return stats;
  };

  return {
    registry,
    render: async () => {
      remaining.apply();
      return renderCallMetrics([...calls.values()], statuses) + (await registry.metrics());
    },
    start: () => {
      inFlight += 1;
    },
    end(context: RequestContext, status: number) {
      inFlight -= 1;
      const log = context.call;
      // Scrapes, health probes and model lists are not model calls; their failures still count.
      if (log.modelGroup === undefined && status < 400) return;
      const caller = readCaller(context);
      const team = teams.resolve(caller.teamId ?? '');
      const call = callFor([
        models.resolve(log.modelGroup ?? ''),
        log.upstreamModel ?? '',
        log.deploymentId ?? '',
        log.provider ?? '',
        callers.resolve(caller.keyAlias ?? ''),
        team,
        team === OTHER ? OTHER : (caller.teamAlias ?? ''),
        // From the operations' declared names: a fixed, small set.
        log.operation ?? '',
      ]);
      const failed = status >= 400 || log.errorClass !== undefined;
      statusFor(call, status, failed ? (log.errorClass ?? 'HttpError') : '').count += 1;
      call.totalLatency.observe((performance.now() - context.startedAt) / 1000);
      if (log.cacheHit === true) metrics.cacheHits.inc();
      // Only calls that reached a deployment have upstream series worth reporting.
      if (log.deploymentId === undefined) return;
      call.deploymentRequests += 1;
      if (failed) call.deploymentFailures += 1;
      else call.deploymentSuccesses += 1;
      if (log.upstreamLatencyMs !== undefined) call.upstreamLatency.observe(log.upstreamLatencyMs / 1000);
      if (log.timeToFirstTokenMs !== undefined) call.timeToFirstToken.observe(log.timeToFirstTokenMs / 1000);
      call.inputTokens += log.promptTokens ?? 0;
      call.outputTokens += log.completionTokens ?? 0;
      call.cachedTokens += log.cachedTokens ?? 0;
      if (typeof log.cost === 'number') call.spend += log.cost;
      call.retries += log.attemptedRetries ?? 0;
      call.fallbacks += log.attemptedFallbacks ?? 0;
    },
    setRemaining: (update) => remaining.update(update),
    recordCooldown(event) {
      metrics.cooldowns.labels(event.model, event.deploymentId, event.provider, String(event.status ?? '')).inc();
    },
    countCallback(callback, outcome, count = 1) {
      metrics.callbackEvents.labels(callback, outcome).inc(count);
    },
    countAlert(type) {
      metrics.alertsSent.labels(type).inc();
    },
  };
}
