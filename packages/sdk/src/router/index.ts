export { Router, type RouterOptions, type RoutedMetadata, type Routed } from './router.js';
export type { Deployment, DeploymentParams, DeploymentInfo, ResolvedDeployment } from './deployment.js';
export { deploymentId } from './deployment-id.js';
export { resolveEnvReference, resolveEnvReferences } from './resolve-env-references.js';
