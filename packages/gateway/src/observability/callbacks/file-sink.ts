// The `file` callback: appends each payload as one JSON line to a local file, for log
// shippers (Vector, Fluent Bit) or a quick `jq` over the day's calls.

import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

export function createFileSink(path: string): (batch: unknown[]) => Promise<void> {
  let ready: Promise<unknown> | undefined;
  return async (batch) => {
    ready ??= mkdir(dirname(path), { recursive: true });
    await ready;
    await appendFile(path, `${batch.map((item) => JSON.stringify(item)).join('\n')}\n`);
  };
}
