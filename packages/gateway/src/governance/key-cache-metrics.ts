// The key cache's outage figure on the metrics registry, read at scrape time: key loads
// answered from an expired entry because the store could not reload it.

import { Counter, type Registry } from 'prom-client';
import type { KeyCache } from './key-cache.js';

export function registerKeyCacheMetrics(cache: KeyCache, registry: Registry): void {
  new Counter({
    name: 'llmux_key_cache_stale_served_total',
    help: 'Key loads answered from a cached identity past its TTL because the key store could not answer (concurrent requests for one key share a load)',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(cache.staleServed);
    },
  });
}
