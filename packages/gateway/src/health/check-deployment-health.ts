// One deployment's health: the cheapest call its mode allows (a one-token chat, one short
// embedding, a one-document rerank, a one-word moderation), bounded in time, straight to that
// deployment (no router: no retries, no fallbacks, no cooldown of its own). The error, when
// there is one, has secrets masked.

import { completion, embedding, moderation, redactSecrets, rerank, type CallOptions, type HttpClient, type ResolvedDeployment } from 'llmux';

/** LiteLLM's default health check timeout, overridable by `model_info.health_check_timeout`. */
const DEFAULT_TIMEOUT_SECONDS = 10;
/** Deployment fields that steer routing and mean nothing to the provider. */
const ROUTING_FIELDS = new Set(['rpm', 'tpm', 'weight', 'order', 'tags', 'max_parallel_requests']);

export type HealthOutcome = { status: 'healthy' } | { status: 'unhealthy'; error: string } | { status: 'skipped'; reason: string };

export async function checkDeploymentHealth(deployment: ResolvedDeployment, httpClient: HttpClient): Promise<HealthOutcome> {
  const info = deployment.model_info ?? {};
  const model = checkedModel(deployment.litellm_params.model, info['health_check_model']);
  if (model === undefined) return { status: 'skipped', reason: 'wildcard deployment: set model_info.health_check_model to check it' };
  const timeout = typeof info['health_check_timeout'] === 'number' ? info['health_check_timeout'] : DEFAULT_TIMEOUT_SECONDS;
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(deployment.litellm_params)) if (!ROUTING_FIELDS.has(key)) params[key] = value;
  const options: CallOptions = { timeout, stream_timeout: timeout, http_client: httpClient };
  const mode = typeof info['mode'] === 'string' ? info['mode'] : 'chat';
  try {
    if (mode === 'embedding') await embedding({ ...params, ...options, model, input: ['ping'] });
    else if (mode === 'chat' || mode === 'completion') await completion({ ...params, ...options, model, messages: [{ role: 'user', content: 'ping' }], max_tokens: 1 });
    else if (mode === 'rerank') await rerank({ ...params, ...options, model, query: 'ping', documents: ['ping'] });
    else if (mode === 'moderation') await moderation({ ...params, ...options, model, input: 'ping' });
    else return { status: 'skipped', reason: `model_info.mode "${mode}" has no health check yet` };
    return { status: 'healthy' };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const secrets = Object.values(deployment.litellm_params).filter((value): value is string => typeof value === 'string');
    return { status: 'unhealthy', error: redactSecrets(message, secrets) };
  }
}

/** The model to call: the deployment's own, or for a wildcard, model_info.health_check_model. */
function checkedModel(model: string, healthCheckModel: unknown): string | undefined {
  if (!model.includes('*')) return model;
  return typeof healthCheckModel === 'string' && healthCheckModel !== '' ? healthCheckModel : undefined;
}
