// POST /v1/embeddings: validate, forward the allow-listed fields through the Router.

import type { EmbeddingParams } from 'llmux';
import type { Route } from '../http/route.js';
import { sendJson } from '../http/send-json.js';
import { EMBEDDING_REQUEST } from './embedding-request-schema.js';
import { governedCall } from './governed-call.js';
import { recordRoutedCall, recordUsage, setCostHeader } from './record-routed-call.js';
import type { RouteDependencies } from './route-dependencies.js';

export function createEmbeddingsRoute(dependencies: RouteDependencies): Route {
  const { router } = dependencies;
  return {
    method: 'POST',
    paths: ['/v1/embeddings', '/embeddings'],
    handle: (context) =>
      governedCall<EmbeddingParams>(context, dependencies, EMBEDDING_REQUEST, async (request) => {
        const result = await router.embedding(request);
        recordRoutedCall(context, result.llmux);
        context.log.promptTokens = result.usage.prompt_tokens;
        recordUsage(context, undefined, result.llmux.cost);
        setCostHeader(context, result.llmux.cost);
        sendJson(context, 200, JSON.stringify(result));
        return true;
      }),
  };
}
