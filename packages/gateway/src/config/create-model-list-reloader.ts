// Applies a re-read model_list to the running router: deployments the file no longer has
// stop being routed to, new ones start, changed ones are replaced; the rest keep their
// cooldowns and usage. Only deployments that came from the file are touched (ones added
// through the management API stay). Runs synchronously, so no request sees half a list.

import { deploymentId, type Deployment, type Router } from 'llmux';

export interface ModelListChanges {
  added: string[];
  removed: string[];
  changed: string[];
}

export interface ModelListReloader {
  apply(next: readonly Deployment[]): ModelListChanges;
}

export function createModelListReloader(router: Router, initial: readonly Deployment[]): ModelListReloader {
  let fromFile = byId(initial);
  return {
    apply(next) {
      const wanted = byId(next);
      const changes: ModelListChanges = { added: [], removed: [], changed: [] };
      for (const [id, deployment] of fromFile) {
        const replacement = wanted.get(id);
        if (replacement === undefined) changes.removed.push(id);
        else if (JSON.stringify(replacement) !== JSON.stringify(deployment)) changes.changed.push(id);
        else continue;
        router.removeDeployment(id);
      }
      for (const [id, deployment] of wanted) {
        if (!fromFile.has(id)) changes.added.push(id);
        if (!fromFile.has(id) || changes.changed.includes(id)) router.addDeployment(deployment);
      }
      fromFile = wanted;
      return changes;
    },
  };
}

function byId(deployments: readonly Deployment[]): Map<string, Deployment> {
  return new Map(deployments.map((deployment) => [deploymentId(deployment), deployment]));
}
