// The thinking Claude is asked for: the `thinking` parameter as sent (LiteLLM forwards it),
// else reasoning_effort's budget. Shared by Anthropic, Claude on Vertex and Claude on
// Bedrock (Converse's additionalModelRequestFields). A malformed value is a 400 here rather
// than an opaque upstream error.

import { BadRequestError } from '../../errors/error-classes.js';
import type { ChatCompletionRequest, ReasoningEffort } from '../../spec/index.js';

/**
 * Thinking budget per reasoning_effort. 1024 is Anthropic's minimum budget, so "minimal"
 * cannot go lower; each step up roughly quadruples the room to think. (LiteLLM spends
 * 1024/2048/4096 for low/medium/high; the README says why llmux gives more.)
 */
export const THINKING_BUDGET_TOKENS: Readonly<Record<ReasoningEffort, number>> = {
  minimal: 1024,
  low: 2048,
  medium: 8192,
  high: 24576,
};

type ClaudeThinking = { type: 'enabled'; budget_tokens: number } | { type: 'disabled' };

export interface ThinkingChoice {
  thinking: ClaudeThinking | undefined;
  /** The budget when thinking is on: max_tokens must exceed it. */
  budget: number | undefined;
  /** What asked for it, for warnings. */
  source: string;
}

export function convertAnthropicThinking(request: Pick<ChatCompletionRequest, 'thinking' | 'reasoning_effort'>): ThinkingChoice {
  const thinking: unknown = request.thinking;
  if (thinking !== undefined && thinking !== null) {
    const checked = checkThinking(thinking);
    return { thinking: checked, budget: checked.type === 'enabled' ? checked.budget_tokens : undefined, source: 'thinking.budget_tokens' };
  }
  if (request.reasoning_effort === undefined) return { thinking: undefined, budget: undefined, source: '' };
  const budget = THINKING_BUDGET_TOKENS[request.reasoning_effort];
  return { thinking: { type: 'enabled', budget_tokens: budget }, budget, source: `reasoning_effort "${request.reasoning_effort}"` };
}

function checkThinking(value: unknown): ClaudeThinking {
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const budget = record['budget_tokens'];
    if (record['type'] === 'disabled') return { type: 'disabled' };
    if (record['type'] === 'enabled' && typeof budget === 'number' && Number.isInteger(budget)) return { type: 'enabled', budget_tokens: budget };
  }
  throw new BadRequestError('thinking must be {"type":"enabled","budget_tokens":<integer>} or {"type":"disabled"}', { param: 'thinking' });
}

/** top_k as Claude takes it: a non-negative integer. */
export function checkTopK(value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  throw new BadRequestError('top_k must be a non-negative integer', { param: 'top_k' });
}
