// Usage of an Anthropic Messages reply (Anthropic, Claude on Bedrock and Vertex), read from
// the tail of its bytes; the whole body is parsed only when the tail does not hold it.

import { anthropicUsageSchema } from '../providers/anthropic/anthropic-api.js';
import { convertAnthropicUsage } from '../providers/anthropic/convert-anthropic-usage.js';
import type { Usage } from '../spec/index.js';
import { parseJsonTailMember, parseJsonWholeMember } from './parse-json-tail-member.js';

export function parseAnthropicReplyUsage(body: Buffer): Usage | undefined {
  return toUsage(parseJsonTailMember(body, 'usage')) ?? toUsage(parseJsonWholeMember(body, 'usage'));
}

/** A usage object counts when it has the Messages API's token counts. */
function toUsage(value: unknown): Usage | undefined {
  const parsed = anthropicUsageSchema.safeParse(value);
  if (!parsed.success) return undefined;
  if (typeof parsed.data.input_tokens !== 'number' && typeof parsed.data.output_tokens !== 'number') return undefined;
  return convertAnthropicUsage(parsed.data);
}
