// The gateway's pino logger. The destination writes asynchronously so a log line never
// waits on the terminal or a pipe inside the request path; close() flushes it.

import { destination, pino, type Logger } from 'pino';

export function createLogger(level: string = process.env['LLMUX_LOG_LEVEL'] ?? 'info'): Logger {
  return pino({ level, base: { service: 'llmux-gateway' } }, destination({ dest: 1, sync: false }));
}
