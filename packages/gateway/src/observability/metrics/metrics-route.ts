// GET /metrics: the Prometheus text exposition. It skips the governance pre-hooks (a scrape
// is not an API call: no rate limit, no spend) and checks the master key itself, so a
// virtual key cannot read every team's spend. `general_settings.public_metrics: true` (or
// LiteLLM's `litellm_settings.require_auth_for_metrics_endpoint: false`) opens it.

import { createHash, timingSafeEqual } from 'node:crypto';
import { AuthenticationError } from 'llmux';
import { readApiKey } from '../../governance/read-api-key.js';
import type { Route } from '../../http/route.js';

export interface MetricsRouteOptions {
  render(): Promise<string>;
  contentType: string;
  /** Undefined or empty: no key required. */
  masterKey: string | undefined;
  isPublic: boolean;
}

export function createMetricsRoute({ render, contentType, masterKey, isPublic }: MetricsRouteOptions): Route {
  const expected = isPublic || masterKey === undefined || masterKey === '' ? undefined : sha256(masterKey);
  return {
    method: 'GET',
    paths: ['/metrics', '/metrics/'],
    open: true,
    async handle(context) {
      if (expected !== undefined) {
        const presented = readApiKey(context.request.headers);
        if (presented === undefined || !timingSafeEqual(sha256(presented), expected)) {
          throw new AuthenticationError('/metrics requires the master key.', { code: 'invalid_api_key' });
        }
      }
      const text = await render();
      const headers = context.headers;
      headers['content-type'] = contentType;
      headers['content-length'] = Buffer.byteLength(text);
      context.response.writeHead(200, headers);
      context.response.end(text);
    },
  };
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
