// Deployments that will have no upstream key: no credential in `litellm_params` and none of
// the provider's key variables set. Each is a startup warning naming the deployment and the
// variables; LiteLLM would start silently and answer its callers a 401.

import type { Deployment, ProviderRegistry } from 'llmux';
import { describeDeployment } from './describe-deployment.js';
import { CREDENTIAL_PARAMS, keyEnvOf } from './provider-credential-env.js';

export function findMissingCredentials(deployments: readonly Deployment[], registry: ProviderRegistry, env: NodeJS.ProcessEnv, alreadyWarned: ReadonlySet<number>): string[] {
  const warnings: string[] = [];
  deployments.forEach((deployment, index) => {
    if (alreadyWarned.has(index)) return;
    const params = deployment.litellm_params;
    if (CREDENTIAL_PARAMS.some((name) => isSet(params[name]))) return;
    // A custom api_base is often a local server or proxy that needs no key.
    if (isSet(params.api_base)) return;
    let provider: string;
    try {
      provider = registry.resolve(params.model).reference.provider;
    } catch {
      return;
    }
    const names = keyEnvOf(provider);
    if (names === undefined || names.some((name) => isSet(env[name]))) return;
    warnings.push(
      `${describeDeployment(index, deployment)}: no upstream credential: litellm_params.api_key is not given and ${names.join(' / ')} ${names.length > 1 ? 'are' : 'is'} not set; calls to this deployment will fail until one is`,
    );
  });
  return warnings;
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}
