// The Router options of a call at a door with its own dialect (messages, responses): the
// model group, the client's hang-up signal for a stream, model access, and the LiteLLM
// routing fields a client may add to the body.

import type { RouterCallOptions } from 'llmux';
import { modelAccessCheck } from '../../governance/model-access.js';
import { clientAbortSignal } from '../../http/client-gone.js';
import type { CallState } from '../operation.js';

export type RoutingOptions = RouterCallOptions & { model: string; signal: AbortSignal | undefined; stream: boolean };

export function createRoutingOptions(state: CallState): RoutingOptions {
  const { context, dependencies, body } = state;
  const stream = body['stream'] === true;
  const routing: RoutingOptions = {
    model: body['model'] as string,
    signal: stream ? clientAbortSignal(context.response) : undefined,
    stream,
    canUseModel: modelAccessCheck(context.identity, dependencies.router),
  };
  if (Array.isArray(body['fallbacks'])) routing.fallbacks = body['fallbacks'] as string[];
  if (typeof body['num_retries'] === 'number') routing.num_retries = body['num_retries'];
  if (Array.isArray(body['tags'])) routing.tags = body['tags'] as string[];
  return routing;
}
