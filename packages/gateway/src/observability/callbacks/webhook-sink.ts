// LiteLLM's `generic_api` callback: POSTs each batch of payloads as one JSON array. Off the
// request path, so plain fetch is fine here (the hot path uses undici pools).

const TIMEOUT_MS = 10_000;

export interface WebhookSinkOptions {
  endpoint: string;
  headers: Record<string, string>;
}

export function createWebhookSink({ endpoint, headers }: WebhookSinkOptions): (batch: unknown[]) => Promise<void> {
  const allHeaders = { 'content-type': 'application/json', ...headers };
  return async (batch) => {
    const response = await fetch(endpoint, { method: 'POST', headers: allHeaders, body: JSON.stringify(batch), signal: AbortSignal.timeout(TIMEOUT_MS) });
    // Read the body so the connection returns to the pool.
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`callback endpoint answered ${response.status}`);
  };
}

/** LiteLLM's GENERIC_LOGGER_HEADERS format: `name=value,name2=value2`. */
export function parseHeaderList(text: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of (text ?? '').split(',')) {
    const equals = pair.indexOf('=');
    if (equals > 0) headers[pair.slice(0, equals).trim()] = pair.slice(equals + 1).trim();
  }
  return headers;
}
