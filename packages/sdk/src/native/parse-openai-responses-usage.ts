// Usage of an OpenAI Response object (`/v1/responses`), read from the tail of its bytes, and
// the Responses usage shape (input/output tokens) as canonical usage.

import { convertOpenAIUsage } from '../providers/openai/convert-openai-usage.js';
import type { Usage } from '../spec/index.js';
import { parseJsonTailMember, parseJsonWholeMember } from './parse-json-tail-member.js';

export function parseOpenAIResponsesUsage(body: Buffer): Usage | undefined {
  return toResponsesUsage(parseJsonTailMember(body, 'usage')) ?? toResponsesUsage(parseJsonWholeMember(body, 'usage'));
}

/** A Response's `usage` as canonical usage, when it has the Responses token counts. */
export function toResponsesUsage(value: unknown): Usage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const usage = value as Record<string, unknown>;
  const input = count(usage['input_tokens']);
  const output = count(usage['output_tokens']);
  if (input === undefined && output === undefined) return undefined;
  const cached = count(detail(usage['input_tokens_details'], 'cached_tokens'));
  const reasoning = count(detail(usage['output_tokens_details'], 'reasoning_tokens'));
  return convertOpenAIUsage({
    prompt_tokens: input,
    completion_tokens: output,
    total_tokens: count(usage['total_tokens']),
    prompt_tokens_details: cached === undefined ? undefined : { cached_tokens: cached },
    completion_tokens_details: reasoning === undefined ? undefined : { reasoning_tokens: reasoning },
  });
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function detail(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}
