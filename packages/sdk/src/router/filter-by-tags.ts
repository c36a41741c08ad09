// Tag routing (`enable_tag_filtering`), as LiteLLM does it: a request with tags goes to the
// deployments carrying any of them; with none matching, or no tags asked, to the deployments
// tagged `default`; with no `default` deployments, an untagged request may use any.

import type { ResolvedDeployment } from './deployment.js';

export function filterByTags(deployments: readonly ResolvedDeployment[], requested: readonly string[] | undefined): ResolvedDeployment[] {
  if (requested !== undefined && requested.length > 0) {
    const matching = deployments.filter((deployment) => tagsOf(deployment).some((tag) => requested.includes(tag)));
    if (matching.length > 0) return matching;
    return deployments.filter((deployment) => tagsOf(deployment).includes('default'));
  }
  const defaults = deployments.filter((deployment) => tagsOf(deployment).includes('default'));
  return defaults.length > 0 ? defaults : [...deployments];
}

function tagsOf(deployment: ResolvedDeployment): readonly string[] {
  const tags = deployment.litellm_params['tags'];
  return Array.isArray(tags) ? (tags.filter((tag) => typeof tag === 'string') as string[]) : [];
}
