// Quick yeses for the everyday OpenAI reply and stream chunk, before zod. zod copies every
// object it checks; on the gateway's path that was ~5-8 % of the CPU of a request (A/B with
// the reply's check skipped). These accept only values the wire schemas certainly accept
// (the schemas have no defaults or transforms, so such a value is its own parse) and leave
// everything else - content parts, odd types, anything the schema refuses - to zod, which
// keeps the verdict. A test checks that nothing accepted here is refused by the schema.

import { isJsonObject, isNullish, nullishNumber, nullishString, type JsonFields } from '../../json/json-value-checks.js';
import type { OpenAIChunk, OpenAIResponse } from './openai-api.js';

function counts(value: unknown, names: readonly string[]): boolean {
  if (isNullish(value)) return true;
  if (!isJsonObject(value)) return false;
  for (const name of names) if (!nullishNumber(value[name])) return false;
  return true;
}

const USAGE_COUNTS = ['prompt_tokens', 'completion_tokens', 'total_tokens', 'prompt_cache_hit_tokens'] as const;
const PROMPT_DETAILS = ['cached_tokens', 'audio_tokens'] as const;
const COMPLETION_DETAILS = ['reasoning_tokens', 'audio_tokens', 'accepted_prediction_tokens', 'rejected_prediction_tokens'] as const;

/** Usage counts as numbers (or nullish): what openAIUsageSchema accepts as is. */
export function isPlainUsage(value: unknown): boolean {
  if (isNullish(value)) return true;
  return (
    isJsonObject(value) && counts(value, USAGE_COUNTS) && counts(value['prompt_tokens_details'], PROMPT_DETAILS) && counts(value['completion_tokens_details'], COMPLETION_DETAILS)
  );
}

function isPlainToolCall(value: unknown): boolean {
  if (!isJsonObject(value)) return false;
  if (!nullishString(value['id']) || !nullishString(value['type']) || !nullishNumber(value['index'])) return false;
  const fn = value['function'];
  return isNullish(fn) || (isJsonObject(fn) && nullishString(fn['name']));
}

/** A message or delta with text content (content parts go to zod). */
function isPlainMessage(value: unknown): boolean {
  if (isNullish(value)) return true;
  if (!isJsonObject(value)) return false;
  for (const name of ['role', 'content', 'refusal', 'reasoning_content', 'reasoning']) if (!nullishString(value[name])) return false;
  const toolCalls = value['tool_calls'];
  return isNullish(toolCalls) || (Array.isArray(toolCalls) && toolCalls.every(isPlainToolCall));
}

function isPlainChoice(value: unknown, message: 'message' | 'delta'): boolean {
  return isJsonObject(value) && nullishNumber(value['index']) && nullishString(value['finish_reason']) && isPlainMessage(value[message]);
}

function isPlainEnvelope(value: JsonFields): boolean {
  return (
    nullishString(value['id']) && nullishNumber(value['created']) && nullishString(value['model']) && nullishString(value['system_fingerprint']) && isPlainUsage(value['usage'])
  );
}

export function isPlainOpenAIResponse(value: unknown): value is OpenAIResponse {
  if (!isJsonObject(value) || !isPlainEnvelope(value) || !nullishString(value['service_tier'])) return false;
  const choices = value['choices'];
  return Array.isArray(choices) && choices.every((choice) => isPlainChoice(choice, 'message'));
}

export function isPlainOpenAIChunk(value: unknown): value is OpenAIChunk {
  if (!isJsonObject(value) || !isPlainEnvelope(value)) return false;
  const choices = value['choices'];
  return isNullish(choices) || (Array.isArray(choices) && choices.every((choice) => isPlainChoice(choice, 'delta')));
}
