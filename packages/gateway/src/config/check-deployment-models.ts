// Every deployment's `litellm_params.model` must name a provider llmux has: `opnai/gpt-4o`
// stops the start naming the deployment (and `openai`), instead of failing its first call.

import { UNSERVED_PROVIDERS, type ProviderRegistry } from 'llmux';
import { describeDeployment } from './describe-deployment.js';
import { findClosestName } from './find-closest-name.js';

/** Reads the resolved document, before the schema, so one run reports every problem. */
export function checkDeploymentModels(modelList: unknown, registry: ProviderRegistry): string[] {
  if (!Array.isArray(modelList)) return [];
  const problems: string[] = [];
  modelList.forEach((deployment: unknown, index) => {
    const model = modelOf(deployment);
    if (model === undefined) return; // the schema names a missing or non-string model
    const problem = modelProblem(model, registry);
    if (problem !== undefined) problems.push(`${describeDeployment(index, deployment)}: litellm_params.model "${model}" ${problem}`);
  });
  return problems;
}

function modelOf(deployment: unknown): string | undefined {
  if (deployment === null || typeof deployment !== 'object') return undefined;
  const params = (deployment as Record<string, unknown>)['litellm_params'];
  if (params === null || typeof params !== 'object') return undefined;
  const model = (params as Record<string, unknown>)['model'];
  return typeof model === 'string' && model !== '' ? model : undefined;
}

function modelProblem(model: string, registry: ProviderRegistry): string | undefined {
  if (/\s/.test(model)) return 'contains white space';
  // `model: "*"` serves any provider/model a client names, resolved per call (LiteLLM's default models).
  if (model === '*') return undefined;
  const slash = model.indexOf('/');
  if (slash === 0) return 'is malformed: expected provider/model';
  if (slash > 0) {
    const provider = model.slice(0, slash);
    if (model.slice(slash + 1) === '') return `is malformed: nothing follows "${provider}/"`;
    if (registry.has(provider)) return undefined;
    const unserved = UNSERVED_PROVIDERS[provider];
    if (unserved !== undefined) return `names provider "${provider}", which llmux does not serve: ${unserved}`;
    const near = findClosestName(provider, registry.providerIds());
    if (near !== undefined) return `names an unknown provider "${provider}"; did you mean ${near}?`;
    // `org/model` with no provider prefix still resolves when the whole name is a known model.
    if (!canResolve(model, registry)) return `names an unknown provider "${provider}" (run llmux --list-providers for the ${registry.providerIds().length} served)`;
    return undefined;
  }
  if (canResolve(model, registry)) return undefined;
  return `names no known provider; write provider/model (known providers: ${registry.providerIds().join(', ')})`;
}

function canResolve(model: string, registry: ProviderRegistry): boolean {
  try {
    registry.resolve(model);
    return true;
  } catch {
    return false;
  }
}
