// What every batch provider's test checks of a finished batch, whichever upstream ran it:
// the output file's OpenAI lines, and the one spend row its first read wrote. The uploads
// these checks expect are the batch tests' own: two lines, 'hello there' and 'three words
// here' (2 + 3 prompt words), or one answered line of two words beside one failed line.

import * as assert from 'node:assert/strict';
import { FAKE_BATCH_COMPLETION_TOKENS } from '@llmux/fake-upstreams';
import type OpenAI from 'openai';
import type { SpendRow } from './wait-for-spend-rows.js';

/** One line of a batch's output file, as OpenAI writes it. */
export interface BatchOutputLine {
  custom_id: string;
  response: { status_code: number; body: OpenAI.ChatCompletion } | null;
  error: { code: string; message: string } | null;
}

/** The prompts of the two-line upload the billing checks below count. */
export const TWO_PROMPTS = ['hello there', 'three words here'] as const;

/** The lines of a JSONL text (an upload or an output file). */
export function parseJsonLines<Line>(text: string): Line[] {
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Line);
}

/** The output of the two-line upload: both lines answered by the fake, in the input's order, with their usage. */
export function assertTwoAnsweredLines(lines: readonly BatchOutputLine[], customIds: readonly [string, string]): void {
  assert.deepEqual(
    lines.map((line) => line.custom_id),
    customIds,
  );
  assert.equal(lines[0]?.response?.status_code, 200);
  assert.equal(lines[0]?.response?.body.object, 'chat.completion');
  assert.equal(lines[0]?.response?.body.choices[0]?.message.content, 'Batch answer to: hello there');
  const usage = lines[1]?.response?.body.usage;
  assert.deepEqual([usage?.prompt_tokens, usage?.completion_tokens, usage?.total_tokens], [3, FAKE_BATCH_COMPLETION_TOKENS, 3 + FAKE_BATCH_COMPLETION_TOKENS]);
}

/** The deployment a batch ran on: its group and its per-token prices. */
export interface BilledDeployment {
  modelGroup: string;
  inputPrice: number;
  outputPrice: number;
}

/**
 * The two-line upload's output, read twice, billed once: one afile_content row with the
 * lines' summed tokens at the deployment's prices. Returns that row.
 */
export function assertBilledOnce(rows: readonly SpendRow[], deployment: BilledDeployment): SpendRow | undefined {
  const billed = rows.filter((row) => row.metadata?.['call_type'] === 'afile_content' && (row.spend ?? 0) > 0);
  assert.equal(billed.length, 1);
  // 2 + 3 prompt words and 5 completion tokens a line, at the deployment's prices.
  const expected = 5 * deployment.inputPrice + 2 * FAKE_BATCH_COMPLETION_TOKENS * deployment.outputPrice;
  assert.ok(Math.abs((billed[0]?.spend ?? 0) - expected) < 1e-12, `spend ${billed[0]?.spend}`);
  assert.equal(billed[0]?.prompt_tokens, 5);
  assert.equal(billed[0]?.completion_tokens, 2 * FAKE_BATCH_COMPLETION_TOKENS);
  assert.equal(billed[0]?.model_group, deployment.modelGroup);
  return billed[0];
}

/** A batch of one answered two-word line and one failed line: only the answered line is billed. */
export function assertAnsweredLineBilled(rows: readonly SpendRow[]): void {
  const billed = rows.find((row) => row.metadata?.['call_type'] === 'afile_content');
  assert.equal(billed?.prompt_tokens, 2);
  assert.equal(billed?.completion_tokens, FAKE_BATCH_COMPLETION_TOKENS);
}
