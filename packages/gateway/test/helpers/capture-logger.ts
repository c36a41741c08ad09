// The gateway's logger at info, keeping its lines in memory so tests can read what was
// logged (request lines take the same hand-serialised path as in production).

import type { Logger } from 'pino';
import { createLogger } from '../../src/logging/create-logger.js';

export interface CapturedLogger {
  logger: Logger;
  lines: string[];
  /** The lines parsed as JSON. */
  records(): Array<Record<string, unknown>>;
}

export function createCaptureLogger(): CapturedLogger {
  const lines: string[] = [];
  const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
  return { logger, lines, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}
