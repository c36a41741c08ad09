// Replicate (`replicate/<owner>/<name>` or `replicate/<owner>/<name>:<version>`): chat as a
// prediction whose input is a prompt (convert-to-replicate-input.ts), created with
// `Prefer: wait` and polled until it ends; streams read the prediction's `urls.stream`.

import { readSseStream } from '../../http/read-sse-stream.js';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest, Usage } from '../../spec/index.js';
import { nowSeconds } from '../now-seconds.js';
import type { ProviderAdapter, ProviderCallContext } from '../provider-adapter.js';
import { BadGatewayError } from '../../errors/error-classes.js';
import { convertToReplicateInput, REPLICATE_SUPPORTED_PARAMS } from './convert-to-replicate-input.js';
import type { ReplicatePrediction } from './replicate-api.js';
import { ReplicateChunkReader } from './replicate-stream.js';
import { fetchPrediction, runPrediction } from './run-replicate-prediction.js';
import { sendReplicateRequest, type ReplicateTarget } from './send-replicate-request.js';

export function createReplicateProvider(): ProviderAdapter {
  return { id: 'replicate', supportedParams: REPLICATE_SUPPORTED_PARAMS, chat, streamChat };
}

/** A version pins `/predictions`; a bare model runs its latest version under `/models/...`. */
function createTarget(model: string, input: Record<string, unknown>, stream: boolean): ReplicateTarget {
  const colon = model.indexOf(':');
  const extra = stream ? { stream: true } : {};
  if (colon > 0) return { path: '/predictions', method: 'POST', body: JSON.stringify({ version: model.slice(colon + 1), input, ...extra }) };
  return { path: `/models/${model.split('/').map(encodeURIComponent).join('/')}/predictions`, method: 'POST', body: JSON.stringify({ input, ...extra }) };
}

async function chat(request: ChatCompletionRequest, context: ProviderCallContext): Promise<ChatCompletion> {
  const prediction = await runPrediction(createTarget(context.model, convertToReplicateInput(request), false), context);
  const output = prediction.output;
  const content = Array.isArray(output) ? output.join('') : (output ?? '');
  const usage = usageOf(prediction);
  return {
    id: `chatcmpl-${prediction.id}`,
    object: 'chat.completion',
    created: nowSeconds(),
    model: context.model,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
    ...(usage === undefined ? {} : { usage }),
  };
}

async function streamChat(request: ChatCompletionRequest, context: ProviderCallContext): Promise<AsyncIterable<ChatCompletionChunk>> {
  const { prediction, secrets } = await fetchPrediction(createTarget(context.model, convertToReplicateInput(request), true), context);
  const streamUrl = prediction.urls?.stream;
  if (streamUrl === undefined) throw new BadGatewayError(`replicate gave prediction ${prediction.id} no stream URL`, { provider: context.provider, model: context.model });
  const call = await sendReplicateRequest({ path: streamUrl, method: 'GET', headers: { accept: 'text/event-stream', 'cache-control': 'no-store' } }, context);
  const reader = new ReplicateChunkReader({ id: `chatcmpl-${prediction.id}`, model: context.model, provider: context.provider, created: nowSeconds(), secrets });
  return readSseStream(call.response.body, reader, { provider: context.provider, model: context.model, signal: context.signal });
}

function usageOf(prediction: ReplicatePrediction): Usage | undefined {
  const input = prediction.metrics?.input_token_count;
  const output = prediction.metrics?.output_token_count;
  if (input === undefined || output === undefined) return undefined;
  return { prompt_tokens: input, completion_tokens: output, total_tokens: input + output };
}
