export { Router, RouterTarget, type RouterOptions, type RoutedMetadata, type Routed, type RoutableResult } from './router.js';
export type { RouterCallOptions, RouterCompletionParams, RouterEmbeddingParams } from './router-call-options.js';
export type { RouterSettings, RetryPolicy, AllowedFailsPolicy, FallbackList, RoutingStrategyName } from './router-settings.js';
export type { RouterStateStore, DeploymentUsage } from './state/router-state-store.js';
export { MemoryRouterStateStore } from './state/memory-router-state-store.js';
export type { Deployment, DeploymentParams, DeploymentInfo, ResolvedDeployment } from './deployment.js';
export { deploymentId } from './deployment-id.js';
export { resolveEnvReference, resolveEnvReferences } from './resolve-env-references.js';
export { DeploymentBudgets, ProviderBudgetExceededError, type DeploymentBudget, type BudgetSpendReader, type ProviderBudgetConfig } from './deployment-budgets.js';
