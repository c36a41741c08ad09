// The wait before a retry: the upstream's `retry-after` when it gave one, else exponential
// backoff with full jitter (so many clients retrying at once spread out), never less than
// `retry_after` and never more than `max_retry_wait`.

export interface BackoffSettings {
  /** Seconds: the first step, doubled per retry. */
  baseSeconds: number;
  /** Seconds: the least wait. */
  minSeconds: number;
  /** Seconds: the most wait. */
  maxSeconds: number;
}

export function backoffMs(retry: number, retryAfterSeconds: number | undefined, settings: BackoffSettings, random: () => number = Math.random): number {
  const seconds = retryAfterSeconds !== undefined && retryAfterSeconds >= 0 ? retryAfterSeconds : random() * settings.baseSeconds * 2 ** Math.min(retry, 16);
  return Math.min(settings.maxSeconds, Math.max(settings.minSeconds, seconds)) * 1000;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
