// A pino logger at info that keeps its lines in memory, so tests can read what was logged.

import { pino, type Logger } from 'pino';

export interface CapturedLogger {
  logger: Logger;
  lines: string[];
  /** The lines parsed as JSON. */
  records(): Array<Record<string, unknown>>;
}

export function createCaptureLogger(): CapturedLogger {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
  return { logger, lines, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}
