// Replicate's refusals (problem details, `{"detail","title","status"}`) → typed errors, and a
// prediction that ended `failed` or `canceled` → the error it stands for.

import { BadGatewayError, InternalServerError } from '../../errors/error-classes.js';
import type { LlmuxError } from '../../errors/llmux-error.js';
import type { UpstreamErrorParser } from '../../http/create-upstream-error.js';
import { redactSecrets } from '../../http/redact-secrets.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { replicateErrorSchema, type ReplicatePrediction } from './replicate-api.js';

export const parseReplicateError: UpstreamErrorParser = (body, text) => {
  const parsed = replicateErrorSchema.safeParse(body);
  return { message: parsed.success ? [parsed.data.title, parsed.data.detail].filter(Boolean).join(': ') : text.trim() };
};

/** A finished prediction that produced no answer: the model failed (500) or it was canceled (502). */
export function createPredictionError(prediction: ReplicatePrediction, context: ProviderCallContext, secrets: ReadonlyArray<string | undefined>): LlmuxError {
  const detail = typeof prediction.error === 'string' ? prediction.error : prediction.error === undefined || prediction.error === null ? '' : JSON.stringify(prediction.error);
  const message = redactSecrets(`replicate prediction ${prediction.id} ${prediction.status}${detail === '' ? '' : `: ${detail}`}`, secrets);
  const names = { provider: context.provider, model: context.model };
  return prediction.status === 'failed' ? new InternalServerError(message, names) : new BadGatewayError(message, names);
}
