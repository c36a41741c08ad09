// GET /v1/models: the model groups the caller may use, in OpenAI's list shape. Rendered per
// request: deployments added through /model/new join at run time, and a key limited to
// some models sees only those.

import { splitProviderModel, type ModelList, type Router } from 'llmux';
import { allowedModelGroups } from '../governance/model-access.js';
import type { Route } from '../http/route.js';
import { sendJson } from '../http/send-json.js';

export function createModelsRoute(router: Router, createdAtSeconds: number): Route {
  return {
    method: 'GET',
    paths: ['/v1/models', '/models'],
    handle(context) {
      const allowed = allowedModelGroups(context.identity, router);
      const names = router.modelNames().filter((id) => allowed === undefined || allowed.has(id));
      const list: ModelList = { object: 'list', data: names.map((id) => ({ id, object: 'model', created: createdAtSeconds, owned_by: ownerOf(router, id) })) };
      sendJson(context, 200, JSON.stringify(list));
    },
  };
}

/** The provider of the group's first deployment (`anthropic/claude-...` → `anthropic`). */
function ownerOf(router: Router, modelGroup: string): string {
  const model = router.deployments(modelGroup)[0]?.litellm_params.model ?? '';
  const { provider } = splitProviderModel(model);
  return provider === '' ? 'llmux' : provider;
}
