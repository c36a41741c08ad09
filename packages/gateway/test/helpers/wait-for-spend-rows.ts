// Spend rows are written off the hot path, in batches: a test polls /spend/logs for a key
// until the rows it expects are there (or 15 s pass, and its own assertion says what is missing).

import type { ManagementClient } from './management-client.js';

export interface SpendRow {
  metadata?: Record<string, unknown>;
  spend?: number;
  status?: string;
  model_group?: string;
  prompt_tokens?: number;
  completion_tokens?: number;
  /** The request messages and the reply, present when store_prompts_in_spend_logs is on. */
  messages?: unknown;
  response?: unknown;
}

export async function waitForSpendRows(admin: ManagementClient, key: string, count: number): Promise<SpendRow[]> {
  let rows: SpendRow[] = [];
  for (let attempt = 0; attempt < 150 && rows.length < count; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const logs = await admin.get(`/spend/logs?api_key=${encodeURIComponent(key)}`);
    rows = (Array.isArray(logs.body) ? logs.body : ((logs.body as { data?: unknown[] }).data ?? [])) as SpendRow[];
  }
  return rows;
}
