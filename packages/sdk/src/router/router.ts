// The Router serves model groups: it picks a deployment for each call and makes the call
// through the SDK. The gateway uses it; SDK users can too (`new Router({ modelList })`).
// Retries, fallbacks, cooldowns and the other strategies build on this class.

import type { CallOptions } from '../call-options.js';
import { completion, type CompletionParams, type CompletionResponse } from '../completion.js';
import type { CompletionStream } from '../completion-stream.js';
import { embedding, type EmbeddingParams, type EmbeddingResult } from '../embedding.js';
import { NotFoundError } from '../errors/error-classes.js';
import type { ResponseMetadata } from '../response-metadata.js';
import { deploymentId } from './deployment-id.js';
import type { Deployment, ResolvedDeployment } from './deployment.js';
import { resolveEnvReferences } from './resolve-env-references.js';
import { selectDeployment } from './select-deployment.js';

export interface RouterOptions {
  modelList: Deployment[];
  /** Options applied to every call (drop_params, timeout, http_client, ...). */
  defaults?: CallOptions;
}

export interface RoutedMetadata extends ResponseMetadata {
  modelGroup: string;
  deploymentId: string;
}

export class Router {
  private readonly groups = new Map<string, ResolvedDeployment[]>();
  private readonly defaults: CallOptions;

  constructor(options: RouterOptions) {
    this.defaults = options.defaults ?? {};
    for (const deployment of options.modelList) this.addDeployment(deployment);
  }

  addDeployment(deployment: Deployment): ResolvedDeployment {
    const resolved: ResolvedDeployment = { ...resolveEnvReferences(deployment), id: deploymentId(deployment) };
    const group = this.groups.get(resolved.model_name) ?? [];
    group.push(resolved);
    this.groups.set(resolved.model_name, group);
    return resolved;
  }

  /** The public model group names, in configuration order. */
  modelNames(): string[] {
    return [...this.groups.keys()];
  }

  deployments(modelGroup: string): readonly ResolvedDeployment[] {
    return this.groups.get(modelGroup) ?? [];
  }

  hasModel(modelGroup: string): boolean {
    return this.groups.has(modelGroup);
  }

  completion(params: CompletionParams & { stream: true }): Promise<Routed<CompletionStream>>;
  completion(params: CompletionParams & { stream?: false | null }): Promise<Routed<CompletionResponse>>;
  completion(params: CompletionParams): Promise<Routed<CompletionResponse> | Routed<CompletionStream>>;
  async completion(params: CompletionParams): Promise<Routed<CompletionResponse> | Routed<CompletionStream>> {
    const deployment = this.pick(params.model);
    const result = await completion(this.callParams(deployment, params));
    return tagMetadata(result, deployment);
  }

  async embedding(params: EmbeddingParams): Promise<Routed<EmbeddingResult>> {
    const deployment = this.pick(params.model);
    return tagMetadata(await embedding(this.callParams(deployment, params)), deployment);
  }

  private pick(modelGroup: string): ResolvedDeployment {
    const deployment = selectDeployment(this.deployments(modelGroup));
    if (deployment === undefined) {
      throw new NotFoundError(`model "${modelGroup}" is not served here; available: ${this.modelNames().join(', ')}`, {
        model: modelGroup,
        param: 'model',
        code: 'model_not_found',
      });
    }
    return deployment;
  }

  /** Deployment settings first, then the caller's body; the upstream model always wins. */
  private callParams<T extends { model: string }>(deployment: ResolvedDeployment, params: T): T {
    const { rpm: _rpm, tpm: _tpm, weight: _weight, ...settings } = deployment.litellm_params;
    const prices = pickPrices(deployment.model_info);
    return { ...this.defaults, ...prices, ...settings, ...params, model: deployment.litellm_params.model };
  }
}

/** A router result: its metadata also names the model group and deployment that served it. */
export type Routed<T extends { llmux: ResponseMetadata }> = T & { readonly llmux: RoutedMetadata };

function tagMetadata<T extends { llmux: ResponseMetadata }>(result: T, deployment: ResolvedDeployment): Routed<T> {
  const routed = result.llmux as RoutedMetadata;
  routed.modelGroup = deployment.model_name;
  routed.deploymentId = deployment.id;
  return result as Routed<T>;
}

const PRICE_FIELDS = [
  'input_cost_per_token',
  'output_cost_per_token',
  'cache_read_input_token_cost',
  'cache_creation_input_token_cost',
  'input_cost_per_second',
  'output_cost_per_second',
] as const;

/** LiteLLM accepts price overrides in model_info as well as litellm_params. */
function pickPrices(info: Deployment['model_info']): Record<string, number> {
  const prices: Record<string, number> = {};
  if (info === undefined) return prices;
  for (const field of PRICE_FIELDS) {
    const value = info[field];
    if (typeof value === 'number') prices[field] = value;
  }
  return prices;
}
