// Several model groups at once, the first reply wins (LiteLLM's `fastest_response`): the
// others are aborted, and a stream that wins after another already won is cancelled. As on
// LiteLLM, only the winner is billed (the caller accounts for the reply it gets; an aborted
// attempt has no usage), and the abort's reason is no upstream error, so a losing deployment
// is not counted toward a cooldown. A failure is not a win: the next answer still can be.

import type { CompletionResponse } from '../completion.js';
import type { CompletionStream } from '../completion-stream.js';
import type { Routed } from './router.js';
import type { RouterCompletionParams } from './router-call-options.js';

type RoutedReply = Routed<CompletionResponse> | Routed<CompletionStream>;
type CompleteOne = (params: RouterCompletionParams) => Promise<RoutedReply>;

export function fastestResponse(complete: CompleteOne, params: RouterCompletionParams): Promise<RoutedReply> {
  const models =
    typeof params.model === 'string'
      ? params.model
          .split(',')
          .map((model) => model.trim())
          .filter((model) => model !== '')
      : params.model;
  if (models.length <= 1) return complete({ ...params, model: models[0] ?? '' });
  const controllers = models.map(() => new AbortController());
  return new Promise((resolve, reject) => {
    let settled = false;
    let failures = 0;
    // When every model fails, the first listed model's error is the one reported.
    const errors: unknown[] = [];
    models.forEach((model, index) => {
      const own = controllers[index] as AbortController;
      const signal = params.signal === undefined ? own.signal : AbortSignal.any([params.signal, own.signal]);
      complete({ ...params, model, signal }).then(
        (reply) => {
          if (settled) {
            if ('cancel' in reply) reply.cancel().catch(() => undefined);
            return;
          }
          settled = true;
          controllers.forEach((controller, other) => {
            if (other !== index) controller.abort(new Error('another model answered first'));
          });
          resolve(reply);
        },
        (error: unknown) => {
          failures += 1;
          errors[index] = error;
          if (failures === models.length && !settled) reject(errors[0]);
        },
      );
    });
  });
}
