// The Router serves model groups: for each call it picks a healthy deployment by the routing
// strategy, then retries, falls back and cools deployments down as LiteLLM's router does.
// The gateway uses it; SDK users can too (`new Router({ modelList, num_retries: 2 })`).

import type { CallOptions } from '../call-options.js';
import { COMPLETION_BODY_KEYS, completeCall, type CompletionParams, type CompletionRequest, type CompletionResponse } from '../completion.js';
import type { CompletionStream } from '../completion-stream.js';
import { EMBEDDING_BODY_KEYS, embedCall, type EmbeddingResult } from '../embedding.js';
import { NotFoundError } from '../errors/error-classes.js';
import type { ResponseMetadata } from '../response-metadata.js';
import type { EmbeddingRequest } from '../spec/index.js';
import { tokenCounter } from '../token-counter/token-counter.js';
import type { BackoffSettings } from './backoff.js';
import { CooldownTracker } from './cooldown-tracker.js';
import { deploymentCall } from './deployment-call-params.js';
import { deploymentId } from './deployment-id.js';
import type { Deployment, ResolvedDeployment } from './deployment.js';
import { fastestResponse } from './fastest-response.js';
import { ModelGroups } from './model-groups.js';
import { pickDeployment } from './pick-deployment.js';
import { resolveEnvReferences } from './resolve-env-references.js';
import { routeCall, type RouteCallEngine, type RouteCallResult } from './route-call.js';
import { splitRouterCall, type RouterCompletionParams, type RouterEmbeddingParams, type WithoutModel } from './router-call-options.js';
import type { RouterSettings } from './router-settings.js';
import { MemoryRouterStateStore } from './state/memory-router-state-store.js';
import type { RouterStateStore } from './state/router-state-store.js';
import { firstTokenKey } from './strategies/latency-based.js';
import { createRoutingStrategy } from './strategies/create-routing-strategy.js';
import type { RoutingStrategy } from './strategies/routing-strategy.js';

export interface RouterOptions extends RouterSettings {
  modelList: Deployment[];
  /** Options applied to every call (drop_params, timeout, http_client, ...). */
  defaults?: CallOptions;
  /** Where cooldowns, usage and latency live (default: this process's memory). */
  stateStore?: RouterStateStore;
  /** Random numbers in [0, 1) for shuffling and jitter (tests pin it). */
  random?: () => number;
}

export interface RoutedMetadata extends ResponseMetadata {
  /** The model group that served the call (a fallback's, after a fallback). */
  modelGroup: string;
  deploymentId: string;
  /** Retries made before the call succeeded, across all groups tried. */
  attemptedRetries: number;
  /** Fallback groups tried. */
  attemptedFallbacks: number;
}

/** A router result: its metadata also names the model group and deployment that served it. */
export type Routed<T extends { llmux: ResponseMetadata }> = T & { readonly llmux: RoutedMetadata };

const NO_TAGS = undefined;

export class Router {
  private readonly groups: ModelGroups;
  private readonly defaults: CallOptions;
  private readonly settings: RouterSettings;
  private readonly store: RouterStateStore;
  private readonly strategy: RoutingStrategy;
  private readonly cooldowns: CooldownTracker;
  private readonly random: () => number;
  private readonly engine: RouteCallEngine;

  constructor(options: RouterOptions) {
    const { modelList, defaults, stateStore, random, ...settings } = options;
    this.settings = settings;
    this.defaults = { ...defaults };
    if (settings.timeout !== undefined) this.defaults.timeout = settings.timeout;
    if (settings.stream_timeout !== undefined) this.defaults.stream_timeout = settings.stream_timeout;
    this.groups = new ModelGroups(settings.model_group_alias);
    this.store = stateStore ?? new MemoryRouterStateStore();
    this.strategy = createRoutingStrategy(settings.routing_strategy);
    this.random = random ?? Math.random;
    this.cooldowns = new CooldownTracker(this.store, {
      allowedFails: settings.allowed_fails ?? 3,
      cooldownSeconds: settings.cooldown_time ?? 5,
      policy: settings.allowed_fails_policy,
    });
    const backoff: BackoffSettings = { baseSeconds: settings.retry_backoff ?? 0.5, minSeconds: settings.retry_after ?? 0, maxSeconds: settings.max_retry_wait ?? 10 };
    this.engine = {
      settings,
      backoff,
      maxFallbacks: settings.max_fallbacks ?? 5,
      hasGroup: (group) => this.groups.resolve(group) !== undefined,
      pick: (group, avoid) => this.pick(group, avoid, NO_TAGS, false, undefined),
      recordFailure: (deployment, error) => this.recordFailure(deployment, error),
    };
    for (const deployment of modelList) this.addDeployment(deployment);
  }

  addDeployment(deployment: Deployment): ResolvedDeployment {
    const resolved: ResolvedDeployment = { ...resolveEnvReferences(deployment), id: deploymentId(deployment) };
    this.groups.add(resolved);
    return resolved;
  }

  /** Stops routing to a deployment (e.g. one deleted through the management API). */
  removeDeployment(id: string): boolean {
    return this.groups.remove(id);
  }

  /** The public model group names (and visible aliases), in configuration order. */
  modelNames(): string[] {
    return this.groups.names();
  }

  deployments(modelGroup: string): readonly ResolvedDeployment[] {
    return this.groups.deployments(modelGroup);
  }

  hasModel(modelGroup: string): boolean {
    return this.groups.resolve(modelGroup) !== undefined;
  }

  /** The state store (cooldowns, usage, latency), e.g. to close a shared one. */
  get stateStore(): RouterStateStore {
    return this.store;
  }

  completion(params: RouterCompletionParams & { stream: true }): Promise<Routed<CompletionStream>>;
  completion(params: RouterCompletionParams & { stream?: false | null }): Promise<Routed<CompletionResponse>>;
  completion(params: RouterCompletionParams): Promise<Routed<CompletionResponse> | Routed<CompletionStream>>;
  async completion(params: RouterCompletionParams): Promise<Routed<CompletionResponse> | Routed<CompletionStream>> {
    if (params.fastest_response === true) return fastestResponse((one) => this.completion(one), { ...params, fastest_response: false });
    const call = splitRouterCall<WithoutModel<CompletionParams>>(params);
    const stream = params.stream === true;
    const rest = call.rest;
    let promptTokens: number | undefined;
    const countPrompt = (): number => (promptTokens ??= tokenCounter({ model: call.group, messages: rest.messages }));
    const engine = this.engineFor(call.options.tags, stream, countPrompt);
    const outcome = await routeCall(engine, this.plan(call, params.signal), async (deployment, group) => {
      const wildcard = this.groups.resolve(group)?.wildcard;
      const started = performance.now();
      this.startAttempt(deployment);
      try {
        const result = await completeCall(deploymentCall<CompletionRequest>(this.defaults, deployment, rest, wildcard, COMPLETION_BODY_KEYS));
        const elapsed = performance.now() - started;
        if (!('cancel' in result)) {
          this.finishAttempt(deployment, result.usage?.total_tokens ?? 0, elapsed, deployment.id);
        } else {
          this.store.addLatency(firstTokenKey(deployment.id), elapsed);
          // The slot stays taken until the stream ends; tokens are known only then.
          result.onEnd((usage, error) => {
            this.finishAttempt(deployment, usage?.total_tokens ?? 0, undefined, deployment.id);
            if (error !== undefined) this.recordFailure(deployment, error);
          });
        }
        return result;
      } catch (error) {
        this.store.adjustInFlight(deployment.id, -1);
        throw error;
      }
    });
    return tagMetadata(outcome);
  }

  /** Calls every listed group at once (`model: ['a', 'b']` or `'a,b'`) and returns the first reply. */
  fastestResponse(params: RouterCompletionParams & { stream: true }): Promise<Routed<CompletionStream>>;
  fastestResponse(params: RouterCompletionParams & { stream?: false | null }): Promise<Routed<CompletionResponse>>;
  fastestResponse(params: RouterCompletionParams): Promise<Routed<CompletionResponse> | Routed<CompletionStream>>;
  fastestResponse(params: RouterCompletionParams): Promise<Routed<CompletionResponse> | Routed<CompletionStream>> {
    return fastestResponse((one) => this.completion(one), params);
  }

  async embedding(params: RouterEmbeddingParams): Promise<Routed<EmbeddingResult>> {
    const call = splitRouterCall(params);
    const engine = call.options.tags === undefined ? this.engine : this.engineFor(call.options.tags, false, () => 0);
    const outcome = await routeCall(engine, this.plan(call, params.signal), async (deployment, group) => {
      const started = performance.now();
      this.startAttempt(deployment);
      try {
        const result = await embedCall(deploymentCall<EmbeddingRequest>(this.defaults, deployment, call.rest, this.groups.resolve(group)?.wildcard, EMBEDDING_BODY_KEYS));
        this.finishAttempt(deployment, result.usage.total_tokens, performance.now() - started, deployment.id);
        return result;
      } catch (error) {
        this.store.adjustInFlight(deployment.id, -1);
        throw error;
      }
    });
    return tagMetadata(outcome);
  }

  private plan(call: ReturnType<typeof splitRouterCall>, signal: AbortSignal | undefined) {
    return {
      group: call.group,
      requestedFallbacks: call.requestedFallbacks,
      numRetries: call.options.num_retries ?? this.settings.num_retries ?? 0,
      signal,
      canUseModel: call.options.canUseModel,
    };
  }

  /** The shared engine, unless this call's tags or prompt matter to the pick. */
  private engineFor(tags: readonly string[] | undefined, stream: boolean, promptTokens: () => number): RouteCallEngine {
    const streamMatters = stream && this.settings.routing_strategy === 'latency-based-routing';
    if (tags === undefined && !streamMatters && this.settings.enable_pre_call_checks !== true) return this.engine;
    return { ...this.engine, pick: (group, avoid) => this.pick(group, avoid, tags, stream, promptTokens) };
  }

  private pick(group: string, avoid: ReadonlySet<string> | undefined, tags: readonly string[] | undefined, stream: boolean, promptTokens: (() => number) | undefined): ResolvedDeployment {
    const resolved = this.groups.resolve(group);
    if (resolved === undefined) {
      throw new NotFoundError(`model "${group}" is not served here; available: ${this.modelNames().join(', ')}`, {
        model: group,
        param: 'model',
        code: 'model_not_found',
      });
    }
    const deployments = resolved.deployments;
    const nowMs = Date.now();
    // The common case (one deployment, no filters, nothing cooling down) allocates nothing.
    const only = deployments.length === 1 ? deployments[0] : undefined;
    if (only !== undefined && this.settings.enable_tag_filtering !== true && this.settings.enable_pre_call_checks !== true && !this.store.hasCooldowns(nowMs) && only.litellm_params['max_parallel_requests'] === undefined) {
      return only;
    }
    return pickDeployment(deployments, {
      group,
      strategy: this.strategy,
      store: this.store,
      nowMs,
      random: this.random,
      stream,
      tagFiltering: this.settings.enable_tag_filtering === true,
      tags,
      preCallChecks: this.settings.enable_pre_call_checks === true,
      promptTokens: promptTokens ?? (() => 0),
      avoid,
    });
  }

  private startAttempt(deployment: ResolvedDeployment): void {
    this.store.adjustInFlight(deployment.id, 1);
    this.store.addUsage(deployment.id, 1, 0, Date.now());
  }

  private finishAttempt(deployment: ResolvedDeployment, tokens: number, latencyMs: number | undefined, latencyKey: string): void {
    this.store.adjustInFlight(deployment.id, -1);
    if (tokens > 0) this.store.addUsage(deployment.id, 0, tokens, Date.now());
    if (latencyMs !== undefined) this.store.addLatency(latencyKey, latencyMs);
  }

  /** As LiteLLM does, a group's only deployment never cools down: there is nowhere else to go. */
  private recordFailure(deployment: ResolvedDeployment, error: unknown): boolean {
    if (this.groups.deployments(deployment.model_name).length <= 1) return false;
    return this.cooldowns.recordFailure(deployment.id, error, Date.now());
  }
}

function tagMetadata<T extends { llmux: ResponseMetadata }>(outcome: RouteCallResult<T>): Routed<T> {
  const routed = outcome.result.llmux as RoutedMetadata;
  routed.modelGroup = outcome.group;
  routed.deploymentId = outcome.deployment.id;
  routed.attemptedRetries = outcome.attemptedRetries;
  routed.attemptedFallbacks = outcome.attemptedFallbacks;
  return outcome.result as Routed<T>;
}
