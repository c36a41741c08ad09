// generic_guardrail_api: LiteLLM's webhook contract. POST `{api_base}/beta/litellm_basic_guardrail_api`
// with `texts`, `input_type`, `request_data`, `litellm_call_id` and the configured
// `additional_provider_specific_params`; the answer is `action` NONE, BLOCKED (with
// `blocked_reason`) or GUARDRAIL_INTERVENED (with the rewritten `texts`).

import type { HttpClient } from 'llmux';
import { z } from 'zod';
import type { GenericApiParams } from './guardrail-config-schema.js';
import type { GuardrailInput, GuardrailVerdict } from './guardrail.js';

const PATH = '/beta/litellm_basic_guardrail_api';

/** Minimal and lenient: the fields read; anything else the service sends passes. */
const answerSchema = z.looseObject({
  action: z.enum(['NONE', 'BLOCKED', 'GUARDRAIL_INTERVENED']),
  blocked_reason: z.string().nullish(),
  texts: z.array(z.string()).nullish(),
});

export class GuardrailServiceError extends Error {
  override readonly name = 'GuardrailServiceError';
}

export async function callGenericGuardrailApi(http: HttpClient, params: GenericApiParams, input: GuardrailInput, callId: string): Promise<GuardrailVerdict> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (params.api_key !== undefined) headers['authorization'] = `Bearer ${params.api_key}`;
  const body = {
    texts: input.texts,
    request_data: input.requestData ?? {},
    input_type: input.inputType,
    litellm_call_id: callId,
    additional_provider_specific_params: { ...params.additional_provider_specific_params, ...input.extraBody },
  };
  const response = await http.send({
    url: params.api_base.replace(/\/+$/, '') + PATH,
    method: 'POST',
    headers,
    body: JSON.stringify(body),
    ...(input.signal === undefined ? {} : { signal: input.signal }),
    provider: 'generic_guardrail_api',
    model: 'guardrail',
  });
  const text = await response.body.text();
  // The service's body is not echoed: it may quote the very text being guarded.
  if (response.status >= 300) throw new GuardrailServiceError(`guardrail service answered ${response.status}`);
  const parsed = answerSchema.safeParse(safeJson(text));
  if (!parsed.success) throw new GuardrailServiceError('guardrail service answered an unreadable body');
  const answer = parsed.data;
  if (answer.action === 'BLOCKED') return { action: 'BLOCKED', reason: answer.blocked_reason ?? 'Blocked by the guardrail service' };
  if (answer.action === 'GUARDRAIL_INTERVENED' && answer.texts !== undefined && answer.texts !== null) {
    if (answer.texts.length !== input.texts.length) throw new GuardrailServiceError('guardrail service returned a different number of texts');
    return { action: 'GUARDRAIL_INTERVENED', texts: answer.texts, detections: ['modified by service'] };
  }
  return { action: 'NONE' };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
