// Sorts unset `os.environ/NAME` references by what they would break. A secret the gateway
// itself needs (master key, database, Redis) stops the start: without it LiteLLM would run
// open, or keep budgets nowhere. A deployment's reference is a warning naming the deployment:
// its calls then answer `upstream_credential_missing`; the other deployments still serve.

import { formatConfigPath } from './config-error.js';
import { describeDeployment } from './describe-deployment.js';
import type { UnsetEnvReference } from './find-unset-env-references.js';
import { CREDENTIAL_PARAMS } from './provider-credential-env.js';

/** Paths (dot-joined, lists as `[]`) of the gateway's own secrets. */
const GATEWAY_SECRETS = new Set([
  'general_settings.master_key',
  'general_settings.database_url',
  'general_settings.redis_url',
  'router_settings.redis_url',
  'router_settings.redis_host',
  'router_settings.redis_password',
  'litellm_settings.cache_params.url',
  'litellm_settings.cache_params.redis_url',
  'litellm_settings.cache_params.host',
  'litellm_settings.cache_params.password',
]);

export interface ClassifiedReferences {
  fatal: string[];
  warnings: string[];
  /** Deployments (by index) whose credential reference is unset: already warned about. */
  unsetCredentials: Set<number>;
}

export function classifyUnsetReferences(references: readonly UnsetEnvReference[], document: object): ClassifiedReferences {
  const result: ClassifiedReferences = { fatal: [], warnings: [], unsetCredentials: new Set() };
  const deployments = (document as Record<string, unknown>)['model_list'];
  for (const { path, name } of references) {
    const where = formatConfigPath(path);
    if (GATEWAY_SECRETS.has(where)) {
      result.fatal.push(`${where}: environment variable ${name} is not set (os.environ/${name}); the gateway will not start without it`);
    } else if (path[0] === 'model_list' && typeof path[1] === 'number' && Array.isArray(deployments)) {
      const inside = formatConfigPath(path.slice(2));
      if (path[2] === 'litellm_params' && CREDENTIAL_PARAMS.includes(String(path[3]))) result.unsetCredentials.add(path[1]);
      result.warnings.push(
        `${describeDeployment(path[1], deployments[path[1]])}: ${inside}: environment variable ${name} is not set; calls to this deployment will fail until it is`,
      );
    } else result.warnings.push(`${where}: environment variable ${name} is not set`);
  }
  return result;
}
