// POST /v1/embeddings: validate, forward the allow-listed fields through the Router.

import type { EmbeddingParams } from 'llmux';
import { checkModelAccess } from '../governance/model-access.js';
import { parseJsonBody } from '../http/parse-json-body.js';
import { readBody } from '../http/read-body.js';
import type { Route } from '../http/route.js';
import { sendJson } from '../http/send-json.js';
import { EMBEDDING_REQUEST_FIELDS, embeddingRequestSchema } from './embedding-request-schema.js';
import { pickFields } from './pick-fields.js';
import { recordRoutedCall, recordUsage, setCostHeader } from './record-routed-call.js';
import type { RouteDependencies } from './route-dependencies.js';
import { validateBody } from './validate-body.js';

export function createEmbeddingsRoute({ router, bodyLimitBytes, accounting }: RouteDependencies): Route {
  return {
    method: 'POST',
    paths: ['/v1/embeddings', '/embeddings'],
    async handle(context) {
      const body = parseJsonBody(await readBody(context.request, bodyLimitBytes));
      validateBody(embeddingRequestSchema, body);
      // Validated above; the provider checks the rest.
      const request = pickFields(body as Record<string, unknown>, EMBEDDING_REQUEST_FIELDS) as EmbeddingParams;
      context.log.modelGroup = request.model;
      // Model access before limits: a refused model must not consume the caller's quota.
      checkModelAccess(context.identity, request.model, router);
      let ticket = accounting?.begin(context, request.model, body as Record<string, unknown>);
      if (ticket instanceof Promise) ticket = await ticket;
      let failed = true;
      try {
        const result = await router.embedding(request);
        recordRoutedCall(context, result.llmux);
        context.log.promptTokens = result.usage.prompt_tokens;
        recordUsage(context, undefined, result.llmux.cost);
        setCostHeader(context, result.llmux.cost);
        sendJson(context, 200, JSON.stringify(result));
        failed = false;
      } finally {
        if (ticket !== undefined) accounting?.end(ticket, failed);
      }
    },
  };
}
