// GET /model_group/info (LiteLLM's per-group summary: providers, limits, prices, mode) and
// GET /v1/models/{id} (also /models/{id}: OpenAI's retrieve-model). Both show only the
// groups the caller may use; a group the caller may not use is "not found", as OpenAI
// answers for a model the key cannot see, so its existence is not revealed.

import { NotFoundError, type ModelObject, type ResolvedDeployment } from 'llmux';
import { allowedModelGroups } from '../governance/model-access.js';
import type { Route } from '../http/route.js';
import type { ManagementDeps } from './management-deps.js';
import { callerOf, queryOf, replyJson } from './management-request.js';

export function createModelGroupRoutes({ router }: ManagementDeps, createdAtSeconds = Math.floor(Date.now() / 1000)): Route[] {
  return [
    {
      method: 'GET',
      paths: ['/model_group/info'],
      handle(context) {
        const allowed = allowedModelGroups(callerOf(context), router);
        const only = queryOf(context).get('model_group');
        const groups = router.modelNames().filter((group) => (allowed === undefined || allowed.has(group)) && (only === null || only === group));
        replyJson(context, { data: groups.map((group) => modelGroupInfo(group, router.deployments(group))) });
      },
    },
    {
      method: 'GET',
      paths: ['/v1/models/{id}', '/models/{id}'],
      handle(context) {
        const id = context.params?.['id'] ?? '';
        const allowed = allowedModelGroups(callerOf(context), router);
        if (!router.modelNames().includes(id) || (allowed !== undefined && !allowed.has(id))) {
          throw new NotFoundError(`The model '${id}' does not exist or you do not have access to it.`, { code: 'model_not_found', param: 'model' });
        }
        const model: ModelObject = { id, object: 'model', created: createdAtSeconds, owned_by: providerOf(router.deployments(id)[0]) ?? 'llmux' };
        replyJson(context, model);
      },
    },
  ];
}

/** `anthropic/claude-...` → `anthropic`. */
function providerOf(deployment: ResolvedDeployment | undefined): string | undefined {
  const model = deployment?.litellm_params.model ?? '';
  const slash = model.indexOf('/');
  return slash > 0 ? model.slice(0, slash) : undefined;
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Summed over the group's deployments; null when none sets it (no limit). */
function sumOrNull(deployments: readonly ResolvedDeployment[], field: 'tpm' | 'rpm'): number | null {
  let total: number | null = null;
  for (const deployment of deployments) {
    const value = numberOrNull(deployment.litellm_params[field] ?? deployment.model_info?.[field]);
    if (value !== null) total = (total ?? 0) + value;
  }
  return total;
}

/** The first deployment's `model_info` value (LiteLLM reads the group's model info the same way). */
function firstInfo(deployments: readonly ResolvedDeployment[], field: string): unknown {
  for (const deployment of deployments) {
    const value = deployment.model_info?.[field] ?? deployment.litellm_params[field];
    if (value !== undefined && value !== null) return value;
  }
  return null;
}

/** LiteLLM's ModelGroupInfo fields that llmux knows from the config. */
function modelGroupInfo(group: string, deployments: readonly ResolvedDeployment[]): Record<string, unknown> {
  const providers = [...new Set(deployments.map(providerOf).filter((provider): provider is string => provider !== undefined))];
  const flag = (field: string): boolean => firstInfo(deployments, field) === true;
  return {
    model_group: group,
    providers,
    max_input_tokens: numberOrNull(firstInfo(deployments, 'max_input_tokens')),
    max_output_tokens: numberOrNull(firstInfo(deployments, 'max_output_tokens')),
    input_cost_per_token: numberOrNull(firstInfo(deployments, 'input_cost_per_token')),
    output_cost_per_token: numberOrNull(firstInfo(deployments, 'output_cost_per_token')),
    mode: typeof firstInfo(deployments, 'mode') === 'string' ? firstInfo(deployments, 'mode') : 'chat',
    tpm: sumOrNull(deployments, 'tpm'),
    rpm: sumOrNull(deployments, 'rpm'),
    supports_parallel_function_calling: flag('supports_parallel_function_calling'),
    supports_vision: flag('supports_vision'),
    supports_function_calling: flag('supports_function_calling'),
    access_groups: [
      ...new Set(deployments.flatMap((deployment) => (Array.isArray(deployment.model_info?.['access_groups']) ? (deployment.model_info['access_groups'] as unknown[]) : []))),
    ],
  };
}
