// Creates a prediction and waits for its end: `Prefer: wait` lets Replicate answer finished
// predictions at once; one still running is polled at its `urls.get` until it succeeds,
// fails or is canceled, within the call's deadline and abort signal.

import { GatewayTimeoutError } from '../../errors/error-classes.js';
import { parseJsonBody } from '../parse-json-body.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { replicatePredictionSchema, type ReplicatePrediction } from './replicate-api.js';
import { createPredictionError } from './replicate-error.js';
import { sendReplicateRequest, type ReplicateTarget } from './send-replicate-request.js';

/** Replicate's own clients poll about this often. */
const POLL_INTERVAL_MS = 250;
const RUNNING = new Set(['starting', 'processing']);

/** Sends one request that answers a prediction (the create, or a poll) and reads it. */
export async function fetchPrediction(
  target: ReplicateTarget,
  context: ProviderCallContext,
): Promise<{ prediction: ReplicatePrediction; secrets: ReadonlyArray<string | undefined> }> {
  const call = await sendReplicateRequest(target, context);
  return { prediction: await parseJsonBody(call.response, replicatePredictionSchema, context, 'a prediction', undefined, call.secrets), secrets: call.secrets };
}

export async function runPrediction(target: ReplicateTarget, context: ProviderCallContext): Promise<ReplicatePrediction> {
  const deadline = Date.now() + context.timeoutMs;
  let { prediction, secrets } = await fetchPrediction({ ...target, headers: { ...target.headers, prefer: 'wait' } }, context);
  while (RUNNING.has(prediction.status)) {
    if (Date.now() + POLL_INTERVAL_MS > deadline) {
      throw new GatewayTimeoutError(`replicate prediction ${prediction.id} did not finish within ${context.timeoutMs} ms`, { provider: context.provider, model: context.model });
    }
    await sleep(POLL_INTERVAL_MS, context.signal);
    ({ prediction, secrets } = await fetchPrediction({ path: prediction.urls?.get ?? `/predictions/${encodeURIComponent(prediction.id)}`, method: 'GET' }, context));
  }
  if (prediction.status !== 'succeeded') throw createPredictionError(prediction, context, secrets);
  return prediction;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
