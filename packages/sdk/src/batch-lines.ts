// The JSONL of OpenAI batch files. Input: each line's `body.model` is set to the deployment's
// model as the upstream knows it (the caller wrote the model group). Output: the usage of
// each answered line, summed and priced from the catalog (or the deployment's own prices).
// Both are bounded: OpenAI's own limit of 50,000 lines a batch file.

import { computeCost } from './cost/compute-cost.js';
import type { PriceOverrides } from './cost/price-overrides.js';
import { BadRequestError } from './errors/error-classes.js';
import type { Usage } from './spec/usage.js';

export const MAX_BATCH_LINES = 50_000;

/** One input line: `{custom_id, method, url, body: {model, ...}}`. */
export interface BatchInputLine {
  custom_id?: unknown;
  method?: unknown;
  url?: unknown;
  body: Record<string, unknown> & { model: string };
}

/** The lines of a batch input file, each an object with a `body.model`; else a 400 naming the line. */
export function parseBatchInput(data: Buffer): BatchInputLine[] {
  const lines = splitLines(data);
  return lines.map((text, index) => {
    let line: unknown;
    try {
      line = JSON.parse(text);
    } catch {
      throw refused(`line ${index + 1} of the batch file is not JSON`);
    }
    const body = typeof line === 'object' && line !== null ? (line as { body?: unknown }).body : undefined;
    if (typeof body !== 'object' || body === null || typeof (body as { model?: unknown }).model !== 'string') {
      throw refused(`line ${index + 1} of the batch file has no body.model`);
    }
    return line as BatchInputLine;
  });
}

/** The file with every line's `body.model` replaced by `model`. */
export function rewriteBatchModels(lines: readonly BatchInputLine[], model: string): Buffer {
  return Buffer.from(lines.map((line) => JSON.stringify({ ...line, body: { ...line.body, model } })).join('\n') + '\n');
}

export interface BatchOutputUsage {
  /** Lines answered with a 2xx and a usage. */
  lines: number;
  usage: Usage;
  /** USD, the sum over lines; null when the model has no price. */
  cost: number | null;
}

/**
 * The summed usage and cost of a batch output file's lines. The catalog holds no batch
 * discount, so lines are priced at the model's ordinary rates unless the deployment sets its own.
 */
export function priceBatchOutput(provider: string, model: string, data: Buffer, prices: PriceOverrides): BatchOutputUsage {
  const total: Usage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
  let cost: number | null = null;
  let lines = 0;
  for (const text of splitLines(data)) {
    const usage = usageOfLine(text);
    if (usage === undefined) continue;
    lines += 1;
    total.prompt_tokens += usage.prompt_tokens;
    total.completion_tokens += usage.completion_tokens;
    total.total_tokens += usage.prompt_tokens + usage.completion_tokens;
    const lineCost = computeCost(provider, model, usage, prices);
    if (lineCost !== null) cost = (cost ?? 0) + lineCost;
  }
  return { lines, usage: total, cost };
}

function usageOfLine(text: string): Usage | undefined {
  let line: unknown;
  try {
    line = JSON.parse(text);
  } catch {
    return undefined;
  }
  const response = typeof line === 'object' && line !== null ? (line as { response?: { status_code?: unknown; body?: { usage?: unknown } } }).response : undefined;
  const status = response?.status_code;
  const usage = response?.body?.usage as Partial<Usage> | undefined;
  if (typeof status !== 'number' || status < 200 || status >= 300 || typeof usage !== 'object' || usage === null) return undefined;
  const prompt = typeof usage.prompt_tokens === 'number' ? usage.prompt_tokens : 0;
  const completion = typeof usage.completion_tokens === 'number' ? usage.completion_tokens : 0;
  return { ...usage, prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

function splitLines(data: Buffer): string[] {
  const lines = data
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  if (lines.length > MAX_BATCH_LINES) throw refused(`a batch file holds at most ${MAX_BATCH_LINES} lines, this one ${lines.length}`);
  return lines;
}

function refused(message: string): BadRequestError {
  return new BadRequestError(message, { param: 'file', code: 'invalid_batch_file' });
}
