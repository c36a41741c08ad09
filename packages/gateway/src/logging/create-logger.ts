// The gateway's pino logger. The destination writes asynchronously so a log line never
// waits on the terminal or a pipe inside the request path, and in 4 KiB blocks: one
// write(2) per ~8 lines under load instead of one per line; a line waits at most a second
// when the gateway is idle. close() flushes it.

import { destination, pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

/**
 * Header paths masked in `--detailed_debug` lines: client keys, cookies, and upstream
 * credentials should any be echoed back. Only set at debug level, since redaction costs
 * time on every line.
 */
export const REDACT_PATHS = [
  'request.headers.authorization',
  'request.headers["x-api-key"]',
  'request.headers["api-key"]',
  'request.headers["proxy-authorization"]',
  'request.headers.cookie',
  'request.headers["x-goog-api-key"]',
  'response.headers["set-cookie"]',
];

export function loggerOptions(level: string): LoggerOptions {
  const options: LoggerOptions = { level, base: { service: 'llmux-gateway' } };
  if (level === 'debug' || level === 'trace') options.redact = { paths: REDACT_PATHS, censor: '[redacted]' };
  return options;
}

export function createLogger(level: string = process.env['LLMUX_LOG_LEVEL'] ?? 'info', stream?: DestinationStream): Logger {
  return pino(loggerOptions(level), stream ?? destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 1000 }));
}
