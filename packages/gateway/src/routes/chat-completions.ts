// POST /v1/chat/completions: validate, forward the allow-listed fields through the Router,
// answer with the OpenAI body (or hand over to the streaming writer).

import type { CompletionRequest } from 'llmux';
import { checkModelAccess, modelAccessCheck } from '../governance/model-access.js';
import { clientAbortSignal } from '../http/client-gone.js';
import { parseJsonBody } from '../http/parse-json-body.js';
import { readBody } from '../http/read-body.js';
import type { Route } from '../http/route.js';
import { sendJson } from '../http/send-json.js';
import { CHAT_REQUEST_FIELDS, chatRequestSchema } from './chat-request-schema.js';
import { pickFields } from './pick-fields.js';
import { recordRoutedCall, recordUsage, setCostHeader } from './record-routed-call.js';
import type { RouteDependencies } from './route-dependencies.js';
import { streamChatCompletion } from './stream-chat-completion.js';
import { validateBody } from './validate-body.js';

export function createChatCompletionsRoute({ router, bodyLimitBytes, accounting }: RouteDependencies): Route {
  return {
    method: 'POST',
    paths: ['/v1/chat/completions', '/chat/completions'],
    async handle(context) {
      const body = parseJsonBody(await readBody(context.request, bodyLimitBytes));
      validateBody(chatRequestSchema, body);
      // Validated above for the fields the SDK reads; the provider checks the rest.
      const request = pickFields(body as Record<string, unknown>, CHAT_REQUEST_FIELDS) as CompletionRequest;
      context.log.modelGroup = request.model;
      // Model access before limits: a refused model must not consume the caller's quota.
      checkModelAccess(context.identity, request.model, router);
      // Limits and budgets refuse here, before any upstream call; awaited only with Redis.
      let ticket = accounting?.begin(context, request.model, body as Record<string, unknown>);
      if (ticket instanceof Promise) ticket = await ticket;
      const canUseModel = modelAccessCheck(context.identity, router);
      let failed = true;
      try {
        if (request.stream === true) {
          await streamChatCompletion(context, router, { ...request, stream: true, signal: clientAbortSignal(context.response), canUseModel });
        } else {
          // No hang-up signal here: an AbortController and its listeners cost ~11 µs per request
          // (a sixth of a minimal proxy's CPU), while long-lived streams are where hang-ups matter.
          const result = await router.completion({ ...request, stream: false, canUseModel });
          recordRoutedCall(context, result.llmux);
          recordUsage(context, result.usage, result.llmux.cost);
          setCostHeader(context, result.llmux.cost);
          sendJson(context, 200, JSON.stringify(result));
        }
        // A stream that broke after it began has recorded its error class.
        failed = context.log.errorClass !== undefined;
      } finally {
        // Every exit (reply, error, hang-up, stream end) settles tokens and frees slots.
        if (ticket !== undefined) accounting?.end(ticket, failed);
      }
    },
  };
}
