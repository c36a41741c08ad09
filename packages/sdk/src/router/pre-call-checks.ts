// `enable_pre_call_checks`: before calling, drop deployments the call cannot fit — a prompt
// longer than `model_info.max_input_tokens`, or a deployment whose `rpm`/`tpm` this minute
// is spent — so the call goes where it can succeed instead of failing upstream.

import type { ResolvedDeployment } from './deployment.js';
import type { RouterStateStore } from './state/router-state-store.js';

export interface PreCallInput {
  /** Counts the prompt once, only if some deployment declares a context window. */
  promptTokens: () => number;
  store: RouterStateStore;
  nowMs: number;
}

export type PreCallRejection = 'context_window' | 'rate_limit';

export function preCallCheck(deployment: ResolvedDeployment, input: PreCallInput): PreCallRejection | undefined {
  const maxInput = deployment.model_info?.['max_input_tokens'];
  if (typeof maxInput === 'number' && input.promptTokens() > maxInput) return 'context_window';
  const { rpm, tpm } = deployment.litellm_params;
  if (rpm === undefined && tpm === undefined) return undefined;
  const used = input.store.usage(deployment.id, input.nowMs);
  if (rpm !== undefined && used.requests >= rpm) return 'rate_limit';
  if (tpm !== undefined && used.tokens >= tpm) return 'rate_limit';
  return undefined;
}
