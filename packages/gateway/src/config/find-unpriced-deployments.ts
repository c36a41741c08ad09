// One startup warning per deployment llmux cannot price: its calls would cost $0 in spend
// and budgets. The fix is named: a base_model from the catalog, or prices of its own.

import { isDeploymentPriced, type Deployment } from 'llmux';
import { describeDeployment } from './describe-deployment.js';

export function findUnpricedDeployments(deployments: readonly Deployment[], rejecting: boolean): string[] {
  const consequence = rejecting ? 'calls to it are refused (litellm_settings.reject_unpriced)' : 'its calls are recorded at $0 and do not count against budgets';
  const warnings: string[] = [];
  deployments.forEach((deployment, index) => {
    if (isDeploymentPriced(deployment) !== false) return;
    warnings.push(
      `${describeDeployment(index, deployment)}: no known price for "${deployment.litellm_params.model}"; ${consequence}. ` +
        'Set model_info.base_model to a catalog model, or input_cost_per_token/output_cost_per_token',
    );
  });
  return warnings;
}
