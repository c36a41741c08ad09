// OpenTelemetry tracing, on with the `otel` callback: one SERVER span per model call,
// exported over OTLP/HTTP (JSON) in batches by the SDK's BatchSpanProcessor, which bounds
// its queue and drops when full. The span is built after the reply from the request's
// timestamps, so tracing adds nothing to the response path; an incoming `traceparent`
// makes it a child of the caller's trace. The SDK is imported only when tracing is on.

import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { RequestContext } from '../../http/request-context.js';
import type { RequestObserver } from '../request-observer.js';
import { parseTraceparent } from './parse-traceparent.js';
import { operationOf, spanAttributes } from './span-attributes.js';

export interface TracingOptions {
  /** Full URL spans are POSTed to, e.g. http://collector:4318/v1/traces. */
  endpoint: string;
  headers: Record<string, string>;
  serviceName: string;
  logger: Logger;
  /** Milliseconds between exports (the SDK's default is 5 s). */
  exportDelayMs?: number;
}

export interface Tracing extends RequestObserver {
  /** Resolves once the SDK is loaded (spans before that are kept, up to a bound). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

type SpanRecorder = (context: RequestContext, status: number, endTime: number) => void;

/** Spans finished before the SDK finished loading: kept, within reason. */
const MAX_EARLY_SPANS = 1_000;

export function createTracing(options: TracingOptions): Tracing {
  let record: SpanRecorder | undefined;
  let shutdown: () => Promise<void> = () => Promise.resolve();
  const early: Array<[RequestContext, number, number]> = [];
  const ready = loadRecorder(options).then(
    (loaded) => {
      record = loaded.record;
      shutdown = loaded.shutdown;
      for (const [context, status, endTime] of early.splice(0)) record(context, status, endTime);
    },
    (error: unknown) => options.logger.error({ err: error }, 'OpenTelemetry tracing failed to start; no spans will be exported'),
  );
  return {
    ready,
    end(context, status) {
      // Probes and scrapes are not calls worth a span.
      if (context.call.modelGroup === undefined && status < 400) return;
      const endTime = performance.timeOrigin + performance.now();
      if (record !== undefined) record(context, status, endTime);
      else if (early.length < MAX_EARLY_SPANS) early.push([context, status, endTime]);
    },
    close: async () => {
      await ready;
      await shutdown();
    },
  };
}

async function loadRecorder(options: TracingOptions): Promise<{ record: SpanRecorder; shutdown: () => Promise<void> }> {
  const [api, base, exporterModule, resources] = await Promise.all([
    import('@opentelemetry/api'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
  ]);
  const exporter = new exporterModule.OTLPTraceExporter({ url: options.endpoint, headers: options.headers });
  const processor = new base.BatchSpanProcessor(exporter, { maxQueueSize: 4_096, scheduledDelayMillis: options.exportDelayMs ?? 5_000 });
  // Not registered globally: the gateway's tracer is its own, whatever else runs in the process.
  const provider = new base.BasicTracerProvider({
    resource: resources.resourceFromAttributes({ 'service.name': options.serviceName }),
    spanProcessors: [processor],
  });
  const tracer = provider.getTracer('llmux-gateway');
  const record: SpanRecorder = (context, status, endTime) => {
    const parent = parseTraceparent(context.request.headers.traceparent);
    const parentContext = parent === undefined ? api.ROOT_CONTEXT : api.trace.setSpanContext(api.ROOT_CONTEXT, { ...parent, isRemote: true });
    const model = context.call.modelGroup;
    const name = model === undefined ? `${context.method} ${context.path}` : `${operationOf(context)} ${model}`;
    const span = tracer.startSpan(
      name,
      { kind: api.SpanKind.SERVER, startTime: performance.timeOrigin + context.startedAt, attributes: spanAttributes(context, status) },
      parentContext,
    );
    // Per the HTTP conventions a server span errs on 5xx, or on a stream that broke after its 200.
    if (status >= 500 || (status < 400 && context.call.errorClass !== undefined)) {
      span.setStatus({ code: api.SpanStatusCode.ERROR, message: context.call.errorMessage ?? context.call.errorClass ?? `HTTP ${status}` });
    }
    span.end(endTime);
  };
  return { record, shutdown: () => provider.shutdown() };
}
