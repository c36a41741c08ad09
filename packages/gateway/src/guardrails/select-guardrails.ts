// Which guardrails run on one request: the default_on ones, those its key and team list
// (`metadata.guardrails`, set by /key/* and /team/*) and those the request names, less those
// it turns off. A key or team with `metadata.guardrails.modify_guardrails: false` (LiteLLM's
// switch) may not turn any off (403); `disable_global_guardrails` drops the default_on ones.
// A name no guardrail has is a 400: a typo must not run the call unguarded.

import { BadRequestError, PermissionDeniedError } from 'llmux';
import type { Identity } from '../governance/identity.js';
import type { IncomingHttpHeaders } from 'node:http';
import type { Guardrail, GuardrailMode } from './guardrail.js';
import type { RequestedGuardrails } from './read-requested-guardrails.js';

export interface SelectedGuardrail {
  guardrail: Guardrail;
  extraBody: Record<string, unknown>;
  /** The modes it runs in on this request (its config's tags may pick them by a header). */
  modes: ReadonlySet<GuardrailMode>;
}

export function selectGuardrails(
  all: ReadonlyMap<string, Guardrail>,
  requested: RequestedGuardrails,
  identity: Identity | undefined,
  headers: IncomingHttpHeaders,
): SelectedGuardrail[] {
  const owners = [identity?.key?.metadata, identity?.team?.metadata].filter((metadata): metadata is Record<string, unknown> => metadata !== undefined && metadata !== null);
  const chosen = new Map<string, Record<string, unknown>>();
  const globalOff = owners.some((metadata) => metadata['disable_global_guardrails'] === true);
  const optedOut = new Set(owners.flatMap((metadata) => (Array.isArray(metadata['opted_out_global_guardrails']) ? (metadata['opted_out_global_guardrails'] as unknown[]) : [])));
  for (const guardrail of all.values()) {
    if (guardrail.defaultOn && !globalOff && !optedOut.has(guardrail.name)) chosen.set(guardrail.name, {});
  }
  for (const metadata of owners) {
    const listed = metadata['guardrails'];
    if (!Array.isArray(listed)) continue;
    for (const name of listed) {
      if (typeof name !== 'string') continue;
      if (!all.has(name))
        throw new BadRequestError(`This key's or team's guardrail "${name}" is not configured on the gateway`, { param: 'guardrails', code: 'unknown_guardrail' });
      chosen.set(name, {});
    }
  }
  for (const [name, extraBody] of requested.on) {
    if (!all.has(name)) throw unknownGuardrail(name, all);
    chosen.set(name, extraBody);
  }
  if (requested.off.size > 0) {
    if (owners.some(forbidsChanges))
      throw new PermissionDeniedError('Your team does not have permission to modify guardrails.', { param: 'guardrails', code: 'guardrails_locked' });
    for (const name of requested.off) {
      if (!all.has(name)) throw unknownGuardrail(name, all);
      chosen.delete(name);
    }
  }
  const selected: SelectedGuardrail[] = [];
  // In config order, so masks chain the same way on every request.
  for (const guardrail of all.values()) {
    const extraBody = chosen.get(guardrail.name);
    if (extraBody !== undefined) selected.push({ guardrail, extraBody, modes: guardrail.modesFor?.(headers) ?? guardrail.modes });
  }
  return selected;
}

function forbidsChanges(metadata: Record<string, unknown>): boolean {
  const setting = metadata['guardrails'];
  return setting !== null && typeof setting === 'object' && !Array.isArray(setting) && (setting as Record<string, unknown>)['modify_guardrails'] === false;
}

function unknownGuardrail(name: string, all: ReadonlyMap<string, Guardrail>): BadRequestError {
  return new BadRequestError(`Unknown guardrail "${name}"; configured: ${[...all.keys()].join(', ')}`, { param: 'guardrails', code: 'unknown_guardrail' });
}
