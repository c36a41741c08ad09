// The gateway's pino logger, writing through a BufferedDestination on stdout: lines gather
// in memory and go out in 16 KiB blocks off the event loop (at least once a second when
// idle); close() flushes them and exit writes what is left.

import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { BufferedDestination } from './buffered-destination.js';
import { maskLogArguments, maskLogRecord, serializeMaskedError } from './mask-log-record.js';

/**
 * Header paths masked in `--detailed_debug` lines: client keys, cookies, and upstream
 * credentials should any be echoed back. Only set at debug level, since redaction costs
 * time on every line.
 */
const REDACT_PATHS = [
  'request.headers.authorization',
  'request.headers["x-api-key"]',
  'request.headers["api-key"]',
  'request.headers["proxy-authorization"]',
  'request.headers.cookie',
  'request.headers["x-goog-api-key"]',
  'response.headers["set-cookie"]',
];

/** The `base` every gateway line carries; the request line writer repeats it verbatim. */
export const LOG_BASE = { service: 'llmux-gateway' } as const;

function loggerOptions(level: string): LoggerOptions {
  const options: LoggerOptions = {
    level,
    base: LOG_BASE,
    // Key-shaped text is masked in every line, whatever field or message carries it.
    formatters: { log: maskLogRecord },
    serializers: { err: serializeMaskedError },
    hooks: {
      logMethod(args, method) {
        method.apply(this, maskLogArguments(args) as Parameters<typeof method>);
      },
    },
  };
  if (level === 'debug' || level === 'trace') options.redact = { paths: REDACT_PATHS, censor: '[redacted]' };
  return options;
}

/**
 * The destination of each logger made here. Their lines have a known shape (pino's
 * defaults, LOG_BASE, a formatter that only masks values), so the per-request line can be serialised by hand
 * and written straight to it (logging/request-line.ts); any other logger goes through pino.
 */
const destinations = new WeakMap<Logger, DestinationStream>();

export function createLogger(level: string = process.env['LLMUX_LOG_LEVEL'] ?? 'info', stream?: DestinationStream): Logger {
  const destination = stream ?? new BufferedDestination(1);
  const logger = pino(loggerOptions(level), destination);
  destinations.set(logger, destination);
  return logger;
}

export function destinationOf(logger: Logger): DestinationStream | undefined {
  return destinations.get(logger);
}
