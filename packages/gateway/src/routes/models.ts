// GET /v1/models: the configured model groups in OpenAI's list shape. The config is fixed
// for the server's life, so the body is rendered once.

import type { ModelList, Router } from 'llmux';
import type { Route } from '../http/route.js';
import { sendJson } from '../http/send-json.js';

export function createModelsRoute(router: Router, createdAtSeconds: number): Route {
  const list: ModelList = {
    object: 'list',
    data: router.modelNames().map((id) => ({ id, object: 'model', created: createdAtSeconds, owned_by: ownerOf(router, id) })),
  };
  const json = JSON.stringify(list);
  return {
    method: 'GET',
    paths: ['/v1/models', '/models'],
    handle: (context) => sendJson(context, 200, json),
  };
}

/** The provider of the group's first deployment (`anthropic/claude-...` → `anthropic`). */
function ownerOf(router: Router, modelGroup: string): string {
  const model = router.deployments(modelGroup)[0]?.litellm_params.model ?? '';
  const slash = model.indexOf('/');
  return slash > 0 ? model.slice(0, slash) : 'llmux';
}
