// `watsonx_text/<model_id>` (and `watsonx_text/deployment/<id>`): chat over watsonx.ai's text
// generation API, as LiteLLM's `watsonx_text/` speaks it. The messages become one prompt
// (providers/format-chat-prompt.ts), sent as `input` to /ml/v1/text/generation; the stream is
// /ml/v1/text/generation_stream, server-sent events each carrying `results[0]` with the next
// piece of `generated_text`. Usage comes from the results' token counts. Parameters take
// watsonx's names; sampling ones switch `decoding_method` from greedy (watsonx's default) to
// sample, since watsonx ignores them when decoding greedily.

import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { APIConnectionError, BadGatewayError } from '../../errors/error-classes.js';
import { readSseStream, type SseEventHandler } from '../../http/read-sse-stream.js';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionChunkDelta, ChatCompletionRequest, ChatParameterName, FinishReason, Usage } from '../../spec/index.js';
import { formatChatPrompt } from '../format-chat-prompt.js';
import { nowSeconds } from '../now-seconds.js';
import { parseJsonBody } from '../parse-json-body.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import type { WatsonxSettings } from './resolve-watsonx-settings.js';
import { sendWatsonxRequest } from './send-watsonx-request.js';
import { chatParamSet } from '../chat-param-sets.js';
import { createChunk } from '../create-chunk.js';

/** What /text/generation has a parameter for (presence/frequency penalties have no like; n none). */
export const WATSONX_TEXT_PARAMS: ReadonlySet<ChatParameterName> = chatParamSet('top_k', 'seed');

const result = z.looseObject({
  generated_text: z.string().nullish(),
  generated_token_count: z.number().nullish(),
  input_token_count: z.number().nullish(),
  /** not_finished, eos_token, max_tokens, stop_sequence, token_limit, time_limit, cancelled, error. */
  stop_reason: z.string().nullish(),
});
const generationSchema = z.looseObject({ model_id: z.string().nullish(), results: z.array(result).min(1) });

export async function chatWithWatsonxText(request: ChatCompletionRequest, context: ProviderCallContext): Promise<ChatCompletion> {
  const call = await send(request, context, false);
  const body = await parseJsonBody(call.response, generationSchema, context, 'a text generation');
  const first = body.results[0];
  if (first?.stop_reason === 'error') throw new BadGatewayError(`${context.provider} stopped generating with an error`, { provider: context.provider, model: context.model });
  return {
    id: `chatcmpl-${randomUUID()}`,
    object: 'chat.completion',
    created: nowSeconds(),
    model: body.model_id ?? context.model,
    choices: [
      { index: 0, message: { role: 'assistant', content: first?.generated_text ?? '', refusal: null }, finish_reason: mapStopReason(first?.stop_reason) ?? 'stop', logprobs: null },
    ],
    usage: toUsage(first?.input_token_count, first?.generated_token_count),
  };
}

export async function streamWithWatsonxText(request: ChatCompletionRequest, context: ProviderCallContext): Promise<AsyncIterable<ChatCompletionChunk>> {
  const call = await send(request, context, true);
  return readSseStream(call.response.body, new WatsonxTextReader(context), context);
}

function send(request: ChatCompletionRequest, context: ProviderCallContext, stream: boolean) {
  const target = { provider: context.provider, model: context.model, chatRoute: `watsonx/${context.model}` };
  const prompt = formatChatPrompt(request.messages, target, context.settings, context.warnings).text;
  return sendWatsonxRequest(context, stream ? 'generation_stream' : 'generation', (modelId, settings) => toBody(request, prompt, modelId, settings));
}

function toBody(request: ChatCompletionRequest, prompt: string, modelId: string | undefined, settings: WatsonxSettings): string {
  const parameters: Record<string, unknown> = {};
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (maxTokens !== undefined && maxTokens !== null) parameters['max_new_tokens'] = maxTokens;
  const sampled = (request.temperature ?? 0) > 0 || isSet(request.top_p) || isSet(request.top_k);
  parameters['decoding_method'] = sampled ? 'sample' : 'greedy';
  if (sampled && isSet(request.temperature)) parameters['temperature'] = request.temperature;
  if (isSet(request.top_p)) parameters['top_p'] = request.top_p;
  if (isSet(request.top_k)) parameters['top_k'] = request.top_k;
  if (isSet(request.seed)) parameters['random_seed'] = request.seed;
  if (isSet(request.stop)) parameters['stop_sequences'] = typeof request.stop === 'string' ? [request.stop] : request.stop;
  const body: Record<string, unknown> = { input: prompt, parameters };
  if (modelId !== undefined) body['model_id'] = modelId;
  if (settings.scope !== undefined) Object.assign(body, settings.scope);
  return JSON.stringify(body);
}

/** generation_stream events → chunks: a role chunk, the text pieces, the finish, the usage. */
class WatsonxTextReader implements SseEventHandler<ChatCompletionChunk> {
  private readonly id = `chatcmpl-${randomUUID()}`;
  private readonly created = nowSeconds();
  private started = false;
  private finished = false;
  private inputTokens: number | undefined;
  private outputTokens: number | undefined;

  constructor(private readonly context: ProviderCallContext) {}

  onEvent(_event: string | undefined, data: string, emit: (chunk: ChatCompletionChunk) => void): void {
    if (data === '' || this.finished) return;
    const parsed = generationSchema.safeParse(parseJson(data));
    if (!parsed.success) throw new BadGatewayError(`${this.context.provider} sent a generation_stream event llmux cannot read`, this.where());
    if (!this.started) {
      this.started = true;
      emit(this.chunk({ role: 'assistant', content: '' }));
    }
    const piece = parsed.data.results[0];
    if (piece?.stop_reason === 'error') throw new BadGatewayError(`${this.context.provider} stopped generating with an error`, this.where());
    this.inputTokens = piece?.input_token_count ?? this.inputTokens;
    this.outputTokens = piece?.generated_token_count ?? this.outputTokens;
    const text = piece?.generated_text ?? '';
    if (text !== '') emit(this.chunk({ content: text }));
    const finish = mapStopReason(piece?.stop_reason);
    if (finish !== undefined) {
      this.finished = true;
      emit(this.chunk({}, finish));
      emit({ ...this.chunk({}), choices: [], usage: toUsage(this.inputTokens, this.outputTokens) });
    }
  }

  onEnd(): void {
    // watsonx names a stop reason on the last event; a stream without one was cut.
    if (!this.finished) throw new APIConnectionError(`${this.context.provider} stream ended early, before a stop reason`, this.where());
  }

  private chunk(delta: ChatCompletionChunkDelta, finishReason: FinishReason | null = null): ChatCompletionChunk {
    return createChunk({ id: this.id, created: this.created, model: this.context.model }, delta, finishReason);
  }

  private where(): { provider: string; model: string } {
    return { provider: this.context.provider, model: this.context.model };
  }
}

/** watsonx's stop reasons; `not_finished` (and none) is not a finish. */
function mapStopReason(reason: string | null | undefined): FinishReason | undefined {
  switch (reason) {
    case 'eos_token':
    case 'stop_sequence':
    case 'cancelled':
      return 'stop';
    case 'max_tokens':
    case 'token_limit':
    case 'time_limit':
      return 'length';
    default:
      return undefined;
  }
}

function toUsage(input: number | null | undefined, output: number | null | undefined): Usage {
  const prompt = input ?? 0;
  const completion = output ?? 0;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

function isSet<T>(value: T | null | undefined): value is T {
  return value !== undefined && value !== null;
}

function parseJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}
