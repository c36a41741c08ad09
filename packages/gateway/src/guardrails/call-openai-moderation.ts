// openai_moderation: OpenAI's moderation endpoint (`{api_base}/moderations`, LiteLLM's
// `api_key`, `api_base` and `model`, default omni-moderation-latest). Every text goes in one
// call; any flagged result blocks, naming the categories it was flagged for.

import type { HttpClient } from 'llmux';
import { z } from 'zod';
import { GuardrailServiceError } from './call-generic-guardrail-api.js';
import type { OpenAIModerationParams } from './guardrail-config-schema.js';
import type { GuardrailInput, GuardrailVerdict } from './guardrail.js';

const DEFAULT_BASE = 'https://api.openai.com/v1';
const DEFAULT_MODEL = 'omni-moderation-latest';

const moderationSchema = z.looseObject({
  results: z.array(z.looseObject({ flagged: z.boolean(), categories: z.record(z.string(), z.boolean().nullable()).optional() })),
});

export async function callOpenAIModeration(http: HttpClient, params: OpenAIModerationParams, input: GuardrailInput): Promise<GuardrailVerdict> {
  const texts = input.texts.filter((text) => text !== '');
  if (texts.length === 0) return { action: 'NONE' };
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (params.api_key !== undefined) headers['authorization'] = `Bearer ${params.api_key}`;
  const response = await http.send({
    url: `${(params.api_base ?? DEFAULT_BASE).replace(/\/+$/, '')}/moderations`,
    method: 'POST',
    headers,
    body: JSON.stringify({ model: params.model ?? DEFAULT_MODEL, input: texts }),
    ...(input.signal === undefined ? {} : { signal: input.signal }),
    provider: 'openai_moderation',
    model: params.model ?? DEFAULT_MODEL,
  });
  const text = await response.body.text();
  if (response.status >= 300) throw new GuardrailServiceError(`moderation endpoint answered ${response.status}`);
  let parsed: z.output<typeof moderationSchema>;
  try {
    parsed = moderationSchema.parse(JSON.parse(text));
  } catch {
    throw new GuardrailServiceError('moderation endpoint answered an unreadable body');
  }
  const flagged = parsed.results.filter((result) => result.flagged);
  if (flagged.length === 0) return { action: 'NONE' };
  const categories = new Set(
    flagged.flatMap((result) =>
      Object.entries(result.categories ?? {})
        .filter(([, on]) => on === true)
        .map(([name]) => name),
    ),
  );
  return { action: 'BLOCKED', reason: `Violated OpenAI moderation policy (${[...categories].join(', ') || 'flagged'})` };
}
