// Anthropic `thinking` and `output_config.effort` → canonical reasoning_effort. The
// canonical request has levels, not budgets: a budget becomes the highest level whose
// budget (as the Claude providers spend it) it reaches, so 2048/8192/24576 round-trip exactly.

import { THINKING_BUDGET_TOKENS } from '../../providers/anthropic/convert-to-anthropic-request.js';
import type { ReasoningEffort } from '../../spec/index.js';
import type { AnthropicCountTokensRequest } from './anthropic-messages-api.js';
import type { TranslationReport } from './create-translation-report.js';

/** Highest first; "minimal" is left out because most reasoning models refuse it. */
const LEVELS: ReadonlyArray<Exclude<ReasoningEffort, 'minimal'>> = ['high', 'medium', 'low'];

const EFFORTS: Readonly<Record<string, ReasoningEffort>> = { low: 'low', medium: 'medium', high: 'high', xhigh: 'high', max: 'high' };

export function convertAnthropicReasoning(body: Pick<AnthropicCountTokensRequest, 'thinking' | 'output_config'>, report: TranslationReport): ReasoningEffort | undefined {
  const effort = body.output_config?.effort;
  // An explicit level says more than a budget, so it wins when both are sent.
  if (effort !== undefined && effort !== null) return convertEffort(effort, report);
  const thinking = body.thinking;
  if (thinking === undefined || thinking === null) return undefined;
  switch (thinking.type) {
    case 'enabled':
      return budgetToEffort(thinking.budget_tokens, report);
    case 'disabled':
    // Adaptive thinking without an effort leaves the depth to the model, as a request without reasoning_effort does.
    case 'adaptive':
      return undefined;
    default: {
      const exhaustive: never = thinking;
      report.unsupported('thinking.type', `thinking type "${String((exhaustive as { type: unknown }).type)}" has no canonical form`);
      return undefined;
    }
  }
}

function budgetToEffort(budget: number, report: TranslationReport): ReasoningEffort {
  const level = LEVELS.find((candidate) => budget >= THINKING_BUDGET_TOKENS[candidate]) ?? 'low';
  if (THINKING_BUDGET_TOKENS[level] !== budget) {
    report.warnings.push(`thinking.budget_tokens ${budget} sent as reasoning_effort "${level}": the canonical request has levels, not budgets`);
  }
  return level;
}

function convertEffort(effort: string, report: TranslationReport): ReasoningEffort | undefined {
  const level = EFFORTS[effort];
  if (level === undefined) {
    report.unsupported('output_config.effort', `effort "${effort}" is unknown`);
    return undefined;
  }
  if (level !== effort) report.warnings.push(`output_config.effort "${effort}" sent as reasoning_effort "${level}", the highest canonical level`);
  return level;
}
