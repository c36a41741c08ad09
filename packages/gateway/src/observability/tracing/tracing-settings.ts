// Whether tracing is on and where spans go. On when `otel` is among LiteLLM's callbacks;
// the endpoint comes from `callback_settings.otel.endpoint`, else the standard OTel
// variables (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces),
// else LiteLLM's OTEL_ENDPOINT, else a local collector.

import type { GatewayConfig } from '../../config/gateway-config.js';
import { parseHeaderList } from '../callbacks/webhook-sink.js';

export interface TracingSettings {
  endpoint: string;
  headers: Record<string, string>;
  serviceName: string;
  exportDelayMs: number | undefined;
}

const NAMES = ['otel', 'opentelemetry'];

export function tracingSettings(config: GatewayConfig, env: NodeJS.ProcessEnv): TracingSettings | undefined {
  const settings = config.litellm_settings;
  const listed = [...(settings.callbacks ?? []), ...(settings.success_callback ?? []), ...(settings.failure_callback ?? [])];
  if (!listed.some((name) => NAMES.includes(name))) return undefined;
  const options = settings.callback_settings?.['otel'] ?? settings.callback_settings?.['opentelemetry'] ?? {};
  const configured = typeof options['endpoint'] === 'string' ? options['endpoint'] : undefined;
  const base = env['OTEL_EXPORTER_OTLP_ENDPOINT'];
  const endpoint =
    configured ??
    env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] ??
    (base === undefined ? undefined : `${base.replace(/\/$/, '')}/v1/traces`) ??
    env['OTEL_ENDPOINT'] ??
    'http://localhost:4318/v1/traces';
  const delay = options['export_interval'];
  return {
    endpoint,
    headers: { ...parseHeaderList(env['OTEL_EXPORTER_OTLP_HEADERS'] ?? env['OTEL_HEADERS']) },
    serviceName: env['OTEL_SERVICE_NAME'] ?? 'llmux-gateway',
    exportDelayMs: typeof delay === 'number' ? delay * 1000 : undefined,
  };
}
