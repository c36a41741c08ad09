// bedrock: Amazon Bedrock Guardrails' ApplyGuardrail, SigV4-signed (service `bedrock`),
// with LiteLLM's fields (`guardrailIdentifier`, `guardrailVersion`, `aws_region_name`,
// AWS keys, `mask_request_content`). One call per text keeps each masked output in its
// place. A BLOCKED assessment blocks; an anonymization masks when mask_request_content is
// on and blocks otherwise (the text would reach the model unmasked).

import { createAwsSend, type HttpClient } from 'llmux';
import { z } from 'zod';
import { GuardrailServiceError } from './call-generic-guardrail-api.js';
import type { BedrockGuardrailParams } from './guardrail-config-schema.js';
import type { GuardrailInput, GuardrailVerdict } from './guardrail.js';

type SendHttpRequest = HttpClient['send'];

const answerSchema = z.looseObject({
  action: z.enum(['NONE', 'GUARDRAIL_INTERVENED']),
  outputs: z.array(z.looseObject({ text: z.string().optional() })).optional(),
  assessments: z.array(z.record(z.string(), z.unknown())).optional(),
});

export function createBedrockGuardrailCall(http: HttpClient, params: BedrockGuardrailParams): (input: GuardrailInput) => Promise<GuardrailVerdict> {
  const credentials = {
    accessKeyId: params.aws_access_key_id,
    secretAccessKey: params.aws_secret_access_key,
    ...(params.aws_session_token === undefined ? {} : { sessionToken: params.aws_session_token }),
  };
  const send: SendHttpRequest = createAwsSend((request) => http.send(request), { kind: 'sigv4', credentials }, { service: 'bedrock', region: params.aws_region_name });
  const base = (params.aws_bedrock_runtime_endpoint ?? `https://bedrock-runtime.${params.aws_region_name}.amazonaws.com`).replace(/\/+$/, '');
  const url = `${base}/guardrail/${encodeURIComponent(params.guardrailIdentifier)}/version/${encodeURIComponent(params.guardrailVersion)}/apply`;
  return async (input) => {
    const texts: string[] = [];
    const masked = new Set<string>();
    for (const text of input.texts) {
      if (text === '') {
        texts.push(text);
        continue;
      }
      const answer = await apply(send, url, input.inputType === 'request' ? 'INPUT' : 'OUTPUT', text, input.signal);
      if (answer.action === 'NONE') {
        texts.push(text);
        continue;
      }
      const actions = readActions(answer.assessments ?? []);
      const output = (answer.outputs ?? []).map((one) => one.text ?? '').join('');
      if (actions.blocked.length > 0 || params.mask_request_content !== true) {
        return { action: 'BLOCKED', reason: `${output || 'Blocked by Bedrock guardrail'} (${[...actions.blocked, ...actions.anonymized].join(', ') || 'intervened'})` };
      }
      for (const name of actions.anonymized) masked.add(name);
      texts.push(output);
    }
    return masked.size === 0 ? { action: 'NONE' } : { action: 'GUARDRAIL_INTERVENED', texts, detections: [...masked] };
  };
}

async function apply(send: SendHttpRequest, url: string, source: 'INPUT' | 'OUTPUT', text: string, signal: AbortSignal | undefined): Promise<z.output<typeof answerSchema>> {
  const response = await send({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ source, content: [{ text: { text } }] }),
    ...(signal === undefined ? {} : { signal }),
    provider: 'bedrock',
    model: 'guardrail',
  });
  const body = await response.body.text();
  // AWS's error type is safe to name; its message is not echoed.
  if (response.status >= 300) throw new GuardrailServiceError(`Bedrock ApplyGuardrail answered ${response.status} ${String(response.headers['x-amzn-errortype'] ?? '')}`.trim());
  try {
    return answerSchema.parse(JSON.parse(body));
  } catch {
    throw new GuardrailServiceError('Bedrock ApplyGuardrail answered an unreadable body');
  }
}

/** Policy findings by action: `wordPolicy`, `EMAIL`, ... (names and types, never the matched text). */
function readActions(assessments: readonly Record<string, unknown>[]): { blocked: string[]; anonymized: string[] } {
  const blocked = new Set<string>();
  const anonymized = new Set<string>();
  const visit = (value: unknown, label: string): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, label);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    const name = typeof record['type'] === 'string' ? record['type'] : typeof record['name'] === 'string' ? record['name'] : label;
    if (record['action'] === 'BLOCKED') blocked.add(name);
    else if (record['action'] === 'ANONYMIZED') anonymized.add(name);
    for (const [key, child] of Object.entries(record)) if (key !== 'match' && typeof child === 'object') visit(child, key);
  };
  for (const assessment of assessments) visit(assessment, 'policy');
  return { blocked: [...blocked], anonymized: [...anonymized] };
}
