// A deployment's id: `model_info.id` when configured, else a stable hash of its group and
// parameters (as LiteLLM does), so every gateway instance derives the same id.

import { createHash } from 'node:crypto';
import type { Deployment } from './deployment.js';

export function deploymentId(deployment: Deployment): string {
  const configured = deployment.model_info?.id;
  if (typeof configured === 'string' && configured !== '') return configured;
  const params = deployment.litellm_params;
  const canonical = JSON.stringify([
    deployment.model_name,
    Object.keys(params)
      .sort()
      .map((key) => [key, params[key]]),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
