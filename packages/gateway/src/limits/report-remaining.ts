// Pushes the remaining quota of a call's key and team to the metrics gauges, from counter
// values the limiter already has (no extra counter reads): requests and tokens when the
// call is admitted, budget when its cost is added.

import type { RemainingUpdate } from '../observability/metrics/create-gateway-metrics.js';
import type { AdmittedCall } from './call-limiter.js';
import type { LimitSubject } from './limit-subject.js';

export type RemainingSink = (update: RemainingUpdate) => void;

/** `cost` 0: at admission (rpm, tpm); above 0: after the call (budgets). */
export function reportRemaining(sink: RemainingSink, call: AdmittedCall, cost: number): void {
  const { checks, values, owners, subjects } = call;
  const atAdmission = cost === 0;
  for (let index = 0; index < checks.length; index += 1) {
    const check = checks[index];
    const subject = subjects[owners[index] as number] as LimitSubject;
    if (
      check === undefined ||
      subject.scope === 'global' ||
      subject.scope === 'user' ||
      subject.scope === 'customer' ||
      subject.scope === 'tag' ||
      subject.scope === 'organization'
    )
      continue;
    let resource: 'requests' | 'tokens' | 'budget';
    if (atAdmission && check.kind === 'rpm') resource = 'requests';
    else if (atAdmission && check.kind === 'tpm') resource = 'tokens';
    else if (!atAdmission && check.kind === 'budget' && subject.maxBudget !== null) resource = 'budget';
    else continue;
    const remaining = Math.max(0, check.limit - (values[index] ?? 0) - cost);
    if (subject.scope === 'team') {
      sink({ scope: 'team', teamId: subject.id, resource, remaining });
    } else if (subject.scope === 'key') {
      sink({ scope: 'key', keyHash: subject.id, resource, remaining });
    } else if (resource !== 'budget') {
      const colon = subject.id.indexOf(':');
      sink({ scope: 'key', keyHash: subject.id.slice(0, colon), resource, model: subject.id.slice(colon + 1), remaining });
    }
  }
}
