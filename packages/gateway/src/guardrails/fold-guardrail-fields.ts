// /key/* and /team/* accept LiteLLM's `guardrails: [names]` and `disable_global_guardrails`
// at the top level of their bodies; they are kept in the record's metadata, where LiteLLM
// keeps them too (so no migration), and where select-guardrails.ts reads them.

import { BadRequestError } from 'llmux';

/** The metadata with the body's guardrail fields folded in; undefined when the body has none. */
export function foldGuardrailFields(body: Record<string, unknown>, metadata: Record<string, unknown> | null | undefined): Record<string, unknown> | undefined {
  const names = body['guardrails'];
  const disable = body['disable_global_guardrails'];
  if (names === undefined && disable === undefined) return undefined;
  const folded = { ...metadata };
  if (names !== undefined) {
    if (names !== null && (!Array.isArray(names) || !names.every((name) => typeof name === 'string'))) {
      throw new BadRequestError('guardrails: a list of guardrail names', { param: 'guardrails' });
    }
    if (names === null) delete folded['guardrails'];
    else folded['guardrails'] = names;
  }
  if (disable !== undefined) {
    if (typeof disable !== 'boolean') throw new BadRequestError('disable_global_guardrails: true or false', { param: 'disable_global_guardrails' });
    folded['disable_global_guardrails'] = disable;
  }
  return folded;
}
