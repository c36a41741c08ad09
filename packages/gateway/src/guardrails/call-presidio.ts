// presidio: Microsoft Presidio's analyzer and anonymizer over HTTP, with LiteLLM's fields.
// Each text is analyzed (`presidio_language`, the entities of `pii_entities_config`); the
// detections under `presidio_score_thresholds` or on `presidio_phrase_allow_list` are
// dropped; an entity configured BLOCK blocks; the rest go to the anonymizer, whose text
// (`<EMAIL_ADDRESS>`) replaces the original.

import type { HttpClient } from 'llmux';
import { z } from 'zod';
import { GuardrailServiceError } from './call-generic-guardrail-api.js';
import type { PresidioParams } from './guardrail-config-schema.js';
import type { GuardrailInput, GuardrailVerdict } from './guardrail.js';

const analyzerSchema = z.array(z.looseObject({ entity_type: z.string(), start: z.number().int(), end: z.number().int(), score: z.number() }));
const anonymizerSchema = z.looseObject({ text: z.string() });

type Detection = z.output<typeof analyzerSchema>[number];

export async function callPresidio(http: HttpClient, params: PresidioParams, name: string, input: GuardrailInput): Promise<GuardrailVerdict> {
  const entities = params.pii_entities_config === undefined ? undefined : Object.keys(params.pii_entities_config);
  const allowed = new Set((params.presidio_phrase_allow_list ?? []).map((phrase) => phrase.toLowerCase()));
  const texts: string[] = [];
  const found = new Set<string>();
  for (const text of input.texts) {
    if (text === '') {
      texts.push(text);
      continue;
    }
    const analyzed = analyzerSchema.parse(
      await post(
        http,
        params.presidio_analyzer_api_base,
        '/analyze',
        { text, language: params.presidio_language ?? 'en', ...(entities === undefined ? {} : { entities }) },
        input.signal,
      ),
    );
    const kept = analyzed.filter((detection) => passesThreshold(detection, params) && !allowed.has(text.slice(detection.start, detection.end).toLowerCase()));
    const blocked = kept.find((detection) => params.pii_entities_config?.[detection.entity_type] === 'BLOCK');
    if (blocked !== undefined) return { action: 'BLOCKED', reason: `Blocked PII entity detected: ${blocked.entity_type} by Guardrail: ${name}.` };
    if (kept.length === 0) {
      texts.push(text);
      continue;
    }
    for (const detection of kept) found.add(detection.entity_type);
    const anonymized = anonymizerSchema.parse(await post(http, params.presidio_anonymizer_api_base, '/anonymize', { text, analyzer_results: kept }, input.signal));
    texts.push(anonymized.text);
  }
  return found.size === 0 ? { action: 'NONE' } : { action: 'GUARDRAIL_INTERVENED', texts, detections: [...found] };
}

function passesThreshold(detection: Detection, params: PresidioParams): boolean {
  const thresholds = params.presidio_score_thresholds;
  if (thresholds === undefined) return true;
  const minimum = thresholds[detection.entity_type] ?? thresholds['ALL'];
  return minimum === undefined || detection.score >= minimum;
}

async function post(http: HttpClient, base: string, path: string, body: unknown, signal: AbortSignal | undefined): Promise<unknown> {
  const response = await http.send({
    url: base.replace(/\/+$/, '') + path,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...(signal === undefined ? {} : { signal }),
    provider: 'presidio',
    model: 'guardrail',
  });
  const text = await response.body.text();
  // Presidio's error bodies are not echoed: they may quote the analyzed text.
  if (response.status >= 300) throw new GuardrailServiceError(`presidio ${path} answered ${response.status}`);
  try {
    return JSON.parse(text);
  } catch {
    throw new GuardrailServiceError(`presidio ${path} answered an unreadable body`);
  }
}
