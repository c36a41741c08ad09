// Error-rate spikes per model group over a sliding window of time buckets: when the share
// of failed calls (5xx, 429, streams cut short) reaches the threshold with enough calls to
// mean something, it raises one `error_rate_spike` alert (de-duplicated by the alerter).
// Client mistakes (400, 401, 404) are not the deployment's fault and do not count.

import type { RequestObserver } from '../request-observer.js';
import type { SendAlert } from './create-alerter.js';

export interface ErrorRateSettings {
  /** Share of failed calls, 0 to 1 (default 0.5). */
  threshold: number;
  windowSeconds: number;
  minRequests: number;
}

const BUCKETS = 6;

interface Window {
  /** The bucket number each slot counts. */
  starts: number[];
  totals: number[];
  errors: number[];
}

export function createErrorRateMonitor(settings: ErrorRateSettings, sendAlert: SendAlert, now: () => number = Date.now): RequestObserver {
  const bucketMs = (settings.windowSeconds * 1000) / BUCKETS;
  const windows = new Map<string, Window>();
  return {
    end(context, status) {
      const group = context.call.modelGroup;
      if (group === undefined) return;
      const failed = status >= 500 || status === 429 || (status < 400 && context.call.errorClass !== undefined);
      // Buckets are numbered from the epoch, so a slot knows whether it holds stale counts.
      const bucket = Math.floor(now() / bucketMs);
      let window = windows.get(group);
      if (window === undefined) {
        window = { starts: new Array<number>(BUCKETS).fill(-1), totals: new Array<number>(BUCKETS).fill(0), errors: new Array<number>(BUCKETS).fill(0) };
        windows.set(group, window);
      }
      const slot = bucket % BUCKETS;
      if (window.starts[slot] !== bucket) {
        window.starts[slot] = bucket;
        window.totals[slot] = 0;
        window.errors[slot] = 0;
      }
      window.totals[slot] = (window.totals[slot] ?? 0) + 1;
      if (failed) window.errors[slot] = (window.errors[slot] ?? 0) + 1;
      if (!failed) return;
      let total = 0;
      let errors = 0;
      for (let index = 0; index < BUCKETS; index += 1) {
        if ((window.starts[index] ?? -1) <= bucket - BUCKETS) continue;
        total += window.totals[index] ?? 0;
        errors += window.errors[index] ?? 0;
      }
      if (total < settings.minRequests || errors / total < settings.threshold) return;
      sendAlert({
        type: 'error_rate_spike',
        level: 'critical',
        message: `model group ${group}: ${errors} of ${total} calls failed in the last ${settings.windowSeconds}s`,
        dedupeKey: `error_rate_spike:${group}`,
        fields: { model_group: group, errors, requests: total, window_seconds: settings.windowSeconds, last_error: context.call.errorClass ?? `HTTP ${status}` },
      });
    },
  };
}
