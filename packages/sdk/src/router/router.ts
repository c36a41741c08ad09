// The Router serves model groups: for each call it picks a healthy deployment by the routing
// strategy, then retries, falls back and cools deployments down as LiteLLM's router does.
// The gateway uses it; SDK users can too (`new Router({ modelList, num_retries: 2 })`).

import type { CallOptions } from '../call-options.js';
import { COMPLETION_BODY_KEYS, completeCall, type CompletionRequest, type CompletionResponse } from '../completion.js';
import type { CompletionStream } from '../completion-stream.js';
import { EMBEDDING_BODY_KEYS, embedCall, type EmbeddingResult } from '../embedding.js';
import { NotFoundError } from '../errors/error-classes.js';
import type { ResponseMetadata } from '../response-metadata.js';
import type { SplitCall } from '../split-call.js';
import type { EmbeddingRequest } from '../spec/index.js';
import { tokenCounter } from '../token-counter/token-counter.js';
import type { BackoffSettings } from './backoff.js';
import { CooldownTracker } from './cooldown-tracker.js';
import { deploymentCall } from './deployment-call-params.js';
import { deploymentId } from './deployment-id.js';
import type { BudgetSnapshot, DeploymentBudgets } from './deployment-budgets.js';
import type { Deployment, ResolvedDeployment } from './deployment.js';
import { fastestResponse } from './fastest-response.js';
import { ModelGroups } from './model-groups.js';
import { pickDeployment } from './pick-deployment.js';
import { resolveEnvReferences } from './resolve-env-references.js';
import { routeCall, type RouteCallEngine, type RouteCallResult } from './route-call.js';
import { splitRouterCall, type RouterCallOptions, type RouterCompletionParams, type RouterEmbeddingParams, type WithoutModel } from './router-call-options.js';
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
  /** Budget routing (provider_budget_config, a deployment's max_budget): over-budget deployments are skipped. */
  budgets?: DeploymentBudgets;
}

export interface RoutedMetadata extends ResponseMetadata {
  /** The model group that served the call (a fallback's, after a fallback). */
  modelGroup: string;
  deploymentId: string;
  /** Retries made before the call succeeded, across all groups tried. */
  attemptedRetries: number;
  /** Fallback groups tried. */
  attemptedFallbacks: number;
  /** The serving deployment's configured api_base, when it has one (LiteLLM's x-litellm-model-api-base). */
  apiBase?: string;
  /**
   * Milliseconds the serving attempt took until the router had its result: the full reply, or
   * for a stream its first content. What the gateway's overhead header subtracts on streams,
   * whose `durationMs` is known only at their end.
   */
  attemptMs?: number;
}

/** A router result: its metadata also names the model group and deployment that served it. */
export type Routed<T extends { llmux: ResponseMetadata }> = T & { readonly llmux: RoutedMetadata };

const NO_TAGS = undefined;
const NO_PROMPT = (): number => 0;

/** What the router reads of an attempt's result: its metadata, tokens, and for a stream its end. */
export interface RoutableResult {
  readonly llmux: ResponseMetadata;
  readonly usage?: { total_tokens?: number } | undefined;
  onEnd?(listener: (usage: { total_tokens?: number } | undefined, error: unknown) => void): void;
}

/** The deployment one attempt goes to, and how to lay the call's arguments onto its settings. */
export class RouterTarget {
  constructor(
    private readonly defaults: CallOptions,
    readonly deployment: ResolvedDeployment,
    /** The model group being served (a fallback's, after a fallback). */
    readonly group: string,
    private readonly wildcard: string | undefined,
  ) {}

  /** Router defaults, then the deployment's settings, then `args` (body keys in `bodyKeys`); the upstream model wins. */
  split<Body extends object>(args: object, bodyKeys: ReadonlySet<string>): SplitCall<Body & { model: string }> {
    return deploymentCall<Body>(this.defaults, this.deployment, args, this.wildcard, bodyKeys);
  }
}

export class Router {
  private readonly groups: ModelGroups;
  private readonly defaults: CallOptions;
  private readonly settings: RouterSettings;
  private readonly store: RouterStateStore;
  private readonly strategy: RoutingStrategy;
  private readonly cooldowns: CooldownTracker;
  private readonly random: () => number;
  private readonly engine: RouteCallEngine;
  private readonly budgets: DeploymentBudgets | undefined;

  constructor(options: RouterOptions) {
    const { modelList, defaults, stateStore, random, budgets, ...settings } = options;
    this.settings = settings;
    this.budgets = budgets;
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
      pick: (group, avoid) => this.pick(group, avoid, NO_TAGS, false, undefined, undefined),
      recordFailure: (deployment, error) => this.recordFailure(deployment, error),
    };
    for (const deployment of modelList) this.addDeployment(deployment);
  }

  addDeployment(deployment: Deployment): ResolvedDeployment {
    const resolved: ResolvedDeployment = { ...resolveEnvReferences(deployment), id: deploymentId(deployment) };
    this.groups.add(resolved);
    this.budgets?.add(resolved);
    return resolved;
  }

  /** Stops routing to a deployment (e.g. one deleted through the management API). */
  removeDeployment(id: string): boolean {
    this.budgets?.remove(id);
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

  /**
   * Routes one call of any kind (chat, embeddings, Anthropic messages, ...) through pick,
   * retries, fallbacks and cooldowns: `attempt` makes the call on the deployment picked,
   * with the call's own arguments (`rest`, routing options removed). A result with
   * `onEnd` is a stream: its deployment slot stays taken, and its tokens count, until it ends.
   */
  async call<Rest extends object, T extends RoutableResult>(
    params: Rest & RouterCallOptions & { model: string | string[]; signal?: AbortSignal | undefined; stream?: boolean | null | undefined },
    attempt: (target: RouterTarget, rest: WithoutModel<Rest>) => Promise<T>,
    promptTokens?: () => number,
  ): Promise<Routed<T>> {
    const call = splitRouterCall<WithoutModel<Rest>>(params);
    const rest = call.rest;
    const stream = params.stream === true;
    // Budget routing reads spend once per call (a promise only when shared counters answer).
    const pending = this.budgets?.snapshot(Date.now());
    const budgets = pending instanceof Promise ? await pending : pending;
    const engine = this.pinned(call.group, call.options.deploymentId) ?? this.engineFor(call.options.tags, stream, promptTokens ?? NO_PROMPT, budgets);
    let servedMs = 0;
    const outcome = await routeCall(engine, this.plan(call, params.signal), async (deployment, group) => {
      const started = performance.now();
      this.startAttempt(deployment);
      try {
        const result = await attempt(new RouterTarget(this.defaults, deployment, group, this.groups.resolve(group)?.wildcard), rest);
        const elapsed = performance.now() - started;
        // The attempt that returns is the one that served (routeCall stops at the first success).
        servedMs = elapsed;
        if (result.onEnd === undefined) {
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
    return tagMetadata(outcome, servedMs);
  }

  completion(params: RouterCompletionParams & { stream: true }): Promise<Routed<CompletionStream>>;
  completion(params: RouterCompletionParams & { stream?: false | null }): Promise<Routed<CompletionResponse>>;
  completion(params: RouterCompletionParams): Promise<Routed<CompletionResponse> | Routed<CompletionStream>>;
  async completion(params: RouterCompletionParams): Promise<Routed<CompletionResponse> | Routed<CompletionStream>> {
    if (params.fastest_response === true) return fastestResponse((one) => this.completion(one), { ...params, fastest_response: false });
    let promptTokens: number | undefined;
    const group = typeof params.model === 'string' ? params.model : (params.model[0] ?? '');
    const countPrompt = (): number => (promptTokens ??= tokenCounter({ model: group, messages: params.messages }));
    return this.call<RouterCompletionParams, CompletionResponse | CompletionStream>(
      params,
      (target, rest) => completeCall(target.split<CompletionRequest>(rest, COMPLETION_BODY_KEYS)),
      countPrompt,
    );
  }

  /** Calls every listed group at once (`model: ['a', 'b']` or `'a,b'`) and returns the first reply. */
  fastestResponse(params: RouterCompletionParams & { stream: true }): Promise<Routed<CompletionStream>>;
  fastestResponse(params: RouterCompletionParams & { stream?: false | null }): Promise<Routed<CompletionResponse>>;
  fastestResponse(params: RouterCompletionParams): Promise<Routed<CompletionResponse> | Routed<CompletionStream>>;
  fastestResponse(params: RouterCompletionParams): Promise<Routed<CompletionResponse> | Routed<CompletionStream>> {
    return fastestResponse((one) => this.completion(one), params);
  }

  embedding(params: RouterEmbeddingParams): Promise<Routed<EmbeddingResult>> {
    return this.call<RouterEmbeddingParams, EmbeddingResult>(params, (target, rest) => embedCall(target.split<EmbeddingRequest>(rest, EMBEDDING_BODY_KEYS)));
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

  /** An engine that picks `deploymentId` for `group` (other groups as usual), when the group has it. */
  private pinned(group: string, deploymentId: string | undefined): RouteCallEngine | undefined {
    if (deploymentId === undefined) return undefined;
    const deployment = this.groups.resolve(group)?.deployments.find((candidate) => candidate.id === deploymentId);
    if (deployment === undefined) return undefined;
    return { ...this.engine, pick: (picked, avoid) => (picked === group ? deployment : this.pick(picked, avoid, NO_TAGS, false, undefined, undefined)) };
  }

  /** The shared engine, unless this call's tags or prompt matter to the pick. */
  private engineFor(tags: readonly string[] | undefined, stream: boolean, promptTokens: () => number, budgets: BudgetSnapshot | undefined): RouteCallEngine {
    const streamMatters = stream && this.settings.routing_strategy === 'latency-based-routing';
    if (tags === undefined && !streamMatters && this.settings.enable_pre_call_checks !== true && budgets === undefined) return this.engine;
    return { ...this.engine, pick: (group, avoid) => this.pick(group, avoid, tags, stream, promptTokens, budgets) };
  }

  private pick(
    group: string,
    avoid: ReadonlySet<string> | undefined,
    tags: readonly string[] | undefined,
    stream: boolean,
    promptTokens: (() => number) | undefined,
    budgets: BudgetSnapshot | undefined,
  ): ResolvedDeployment {
    const resolved = this.groups.resolve(group);
    if (resolved === undefined) {
      throw new NotFoundError(`model "${group}" is not served here; available: ${this.modelNames().join(', ')}`, {
        model: group,
        param: 'model',
        code: 'model_not_found',
      });
    }
    const deployments = budgets === undefined ? resolved.deployments : budgets.withinBudget(group, resolved.deployments);
    const nowMs = Date.now();
    // The common case (one deployment, no filters, nothing cooling down) allocates nothing.
    const only = deployments.length === 1 ? deployments[0] : undefined;
    if (
      only !== undefined &&
      this.settings.enable_tag_filtering !== true &&
      this.settings.enable_pre_call_checks !== true &&
      !this.store.hasCooldowns(nowMs) &&
      only.litellm_params['max_parallel_requests'] === undefined
    ) {
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

function tagMetadata<T extends { llmux: ResponseMetadata }>(outcome: RouteCallResult<T>, attemptMs: number): Routed<T> {
  const routed = outcome.result.llmux as RoutedMetadata;
  routed.attemptMs = attemptMs;
  routed.modelGroup = outcome.group;
  routed.deploymentId = outcome.deployment.id;
  routed.attemptedRetries = outcome.attemptedRetries;
  routed.attemptedFallbacks = outcome.attemptedFallbacks;
  const apiBase = outcome.deployment.litellm_params.api_base;
  if (apiBase !== undefined) routed.apiBase = apiBase;
  return outcome.result as Routed<T>;
}
