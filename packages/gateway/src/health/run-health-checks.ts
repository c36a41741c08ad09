// GET /health's answer, in LiteLLM's shape: every deployment (or one model group's) checked
// a few at a time, split into healthy_endpoints and unhealthy_endpoints (with the error),
// plus counts. Wildcards without a model to check, and modes without a check, are listed
// apart in skipped_endpoints rather than counted either way.

import type { HttpClient, ResolvedDeployment, Router } from 'llmux';
import { checkDeploymentHealth, type HealthOutcome } from './check-deployment-health.js';

/** Checks in flight at once: enough to finish quickly, few enough not to look like a burst. */
const CONCURRENCY = 8;

interface HealthEndpoint {
  model: string;
  model_name: string;
  model_id: string;
  api_base?: string;
  error?: string;
  reason?: string;
}

export interface HealthReport {
  healthy_endpoints: HealthEndpoint[];
  unhealthy_endpoints: HealthEndpoint[];
  skipped_endpoints: HealthEndpoint[];
  healthy_count: number;
  unhealthy_count: number;
}

export interface CheckedDeployment {
  deployment: ResolvedDeployment;
  outcome: HealthOutcome;
}

export async function checkAllDeployments(router: Router, httpClient: HttpClient, modelGroup?: string): Promise<CheckedDeployment[]> {
  const groups = modelGroup === undefined ? router.modelNames() : [modelGroup];
  const deployments = [...new Map(groups.flatMap((group) => router.deployments(group)).map((deployment) => [deployment.id, deployment])).values()];
  const results: CheckedDeployment[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < deployments.length) {
      const deployment = deployments[next++] as ResolvedDeployment;
      results.push({ deployment, outcome: await checkDeploymentHealth(deployment, httpClient) });
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, deployments.length) }, worker));
  return results;
}

export function toHealthReport(checked: readonly CheckedDeployment[]): HealthReport {
  const report: HealthReport = { healthy_endpoints: [], unhealthy_endpoints: [], skipped_endpoints: [], healthy_count: 0, unhealthy_count: 0 };
  for (const { deployment, outcome } of checked) {
    const endpoint: HealthEndpoint = { model: deployment.litellm_params.model, model_name: deployment.model_name, model_id: deployment.id };
    if (deployment.litellm_params.api_base !== undefined) endpoint.api_base = deployment.litellm_params.api_base;
    switch (outcome.status) {
      case 'healthy':
        report.healthy_endpoints.push(endpoint);
        break;
      case 'unhealthy':
        report.unhealthy_endpoints.push({ ...endpoint, error: outcome.error });
        break;
      case 'skipped':
        report.skipped_endpoints.push({ ...endpoint, reason: outcome.reason });
        break;
      default: {
        const exhaustive: never = outcome;
        throw new Error(`unknown health outcome ${JSON.stringify(exhaustive)}`);
      }
    }
  }
  report.healthy_count = report.healthy_endpoints.length;
  report.unhealthy_count = report.unhealthy_endpoints.length;
  return report;
}
