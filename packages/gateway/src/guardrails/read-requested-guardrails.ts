// The guardrails a request names, in each form LiteLLM accepts: `guardrails: [names]`,
// `guardrails: [{name: {extra_body}}]`, `guardrails: {name: {extra_body}}`, the same under
// `metadata.guardrails`, and LiteLLM's older `metadata.guardrails: {name: false}` to turn
// one off. OpenAI's chat schema keeps metadata values strings, so there the names may also
// come comma-separated (`"pii,secrets"`). A value of another shape is a 400 naming the field.

import { BadRequestError } from 'llmux';

export interface RequestedGuardrails {
  /** Named to run, with the `extra_body` each was given. */
  on: Map<string, Record<string, unknown>>;
  /** Named `false`: turned off. */
  off: Set<string>;
}

export function readRequestedGuardrails(body: Record<string, unknown>): RequestedGuardrails {
  const requested: RequestedGuardrails = { on: new Map(), off: new Set() };
  readForm(body['guardrails'], 'guardrails', requested);
  const metadata = body['metadata'];
  if (metadata !== null && typeof metadata === 'object' && !Array.isArray(metadata))
    readForm((metadata as Record<string, unknown>)['guardrails'], 'metadata.guardrails', requested);
  return requested;
}

function readForm(value: unknown, param: string, requested: RequestedGuardrails): void {
  if (value === undefined || value === null) return;
  if (typeof value === 'string') {
    for (const name of value.split(',')) if (name.trim() !== '') requested.on.set(name.trim(), {});
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item === 'string') requested.on.set(item, {});
      else if (isObject(item)) readEntries(item, param, requested);
      else throw invalid(param);
    }
    return;
  }
  if (isObject(value)) {
    readEntries(value, param, requested);
    return;
  }
  throw invalid(param);
}

function readEntries(entries: Record<string, unknown>, param: string, requested: RequestedGuardrails): void {
  for (const [name, setting] of Object.entries(entries)) {
    if (setting === false) requested.off.add(name);
    else if (setting === true) requested.on.set(name, {});
    else if (isObject(setting)) requested.on.set(name, isObject(setting['extra_body']) ? setting['extra_body'] : {});
    else throw invalid(param);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function invalid(param: string): BadRequestError {
  return new BadRequestError(`${param}: a list of guardrail names, or an object of guardrail names to {"extra_body": {...}} or false`, { param, code: 'invalid_guardrails' });
}
