// Spend rows are written off the hot path in batches; a test that reads the store directly
// first writes every buffered row.

import type { Gateway } from '../../src/index.js';

export async function flushSpendRows(gateway: Gateway): Promise<void> {
  const writer = gateway.accounting.writer;
  while ((writer?.pendingRows ?? 0) > 0) await writer?.flush();
  await writer?.flush();
}
