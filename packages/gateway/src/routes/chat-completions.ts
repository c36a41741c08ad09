// POST /v1/chat/completions: validate, forward the allow-listed fields through the Router,
// answer with the OpenAI body (or hand over to the streaming writer).

import type { CompletionRequest } from 'llmux';
import { modelAccessCheck } from '../governance/model-access.js';
import { clientAbortSignal } from '../http/client-gone.js';
import type { Route } from '../http/route.js';
import { sendJson } from '../http/send-json.js';
import { CHAT_REQUEST } from './chat-request-schema.js';
import { governedCall } from './governed-call.js';
import { recordRoutedCall, recordUsage, setCostHeader } from './record-routed-call.js';
import type { RouteDependencies } from './route-dependencies.js';
import { streamChatCompletion } from './stream-chat-completion.js';

export function createChatCompletionsRoute(dependencies: RouteDependencies): Route {
  const { router } = dependencies;
  return {
    method: 'POST',
    paths: ['/v1/chat/completions', '/chat/completions'],
    handle: (context) =>
      governedCall<CompletionRequest>(context, dependencies, CHAT_REQUEST, async (request) => {
        // Client-side fallbacks and model lists may only reach models the caller may use.
        const canUseModel = modelAccessCheck(context.identity, router);
        if (request.stream === true) {
          await streamChatCompletion(context, router, { ...request, stream: true, signal: clientAbortSignal(context.response), canUseModel });
          // A stream that broke after it began has recorded its error class.
          return context.log.errorClass === undefined;
        }
        // No hang-up signal here: an AbortController and its listeners cost ~11 µs per request
        // (a sixth of a minimal proxy's CPU), while long-lived streams are where hang-ups matter.
        const result = await router.completion({ ...request, stream: false, canUseModel });
        recordRoutedCall(context, result.llmux);
        recordUsage(context, result.usage, result.llmux.cost);
        setCostHeader(context, result.llmux.cost);
        sendJson(context, 200, JSON.stringify(result));
        return context.log.errorClass === undefined;
      }),
  };
}
