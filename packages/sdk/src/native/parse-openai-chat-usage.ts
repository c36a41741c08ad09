// Usage of an OpenAI chat.completion reply, read from the tail of its bytes (usage follows
// the choices); the whole body is parsed only when the tail does not hold it.

import { isJsonObject } from '../json/json-value-checks.js';
import { openAIUsageSchema, type OpenAIUsage } from '../providers/openai/openai-api.js';
import { isPlainUsage } from '../providers/openai/openai-quick-checks.js';
import { convertOpenAIUsage } from '../providers/openai/convert-openai-usage.js';
import type { Usage } from '../spec/index.js';
import { parseJsonTailMember, parseJsonWholeMember } from './parse-json-tail-member.js';

export function parseOpenAIChatUsage(body: Buffer): Usage | undefined {
  return toOpenAIUsage(parseJsonTailMember(body, 'usage')) ?? toOpenAIUsage(parseJsonWholeMember(body, 'usage'));
}

/** A reply's or usage chunk's usage object, when it has OpenAI's token counts. */
export function toOpenAIUsage(value: unknown): Usage | undefined {
  // The everyday usage object (numbers only) is its own parse; zod, which copies, checks the rest.
  let wire: OpenAIUsage;
  if (isJsonObject(value) && isPlainUsage(value)) wire = value as OpenAIUsage;
  else {
    const parsed = openAIUsageSchema.safeParse(value);
    if (!parsed.success) return undefined;
    wire = parsed.data;
  }
  if (typeof wire.prompt_tokens !== 'number' && typeof wire.completion_tokens !== 'number') return undefined;
  return convertOpenAIUsage(wire);
}
