// `sagemaker/<endpoint>`: chat over a TGI generate body, as LiteLLM's `sagemaker/` speaks it.
// The messages become one prompt (providers/format-chat-prompt.ts), the reply's `generated_text`
// the assistant message, TGI's token events the stream. Usage: completion tokens from TGI's
// details; prompt tokens from the stream details' `input_length` where TGI sends it, else
// counted on the prompt with OpenAI's tokenizer, as LiteLLM counts them (an estimate; such
// endpoints are usually priced per second, from the measured duration).

import { APIConnectionError, BadGatewayError } from '../../errors/error-classes.js';
import { decodeSse } from '../../http/decode-sse.js';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionChunkDelta, ChatCompletionRequest, FinishReason, Usage } from '../../spec/index.js';
import { tokenCounter } from '../../token-counter/token-counter.js';
import { parseAwsBody } from '../aws/parse-aws-body.js';
import { readAwsEvents } from '../aws/read-aws-events.js';
import { bedrockCompletionId as completionId } from '../bedrock/bedrock-completion-id.js';
import { formatChatPrompt, type PromptTarget } from '../format-chat-prompt.js';
import { nowSeconds } from '../now-seconds.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { convertToTgiRequest } from './convert-to-tgi-request.js';
import { SAGEMAKER_ERRORS } from './sagemaker-error.js';
import { payloadBytes } from './sagemaker-stream.js';
import { sendSageMakerRequest } from './send-sagemaker-request.js';
import { tgiGenerationSchema, tgiStreamEventSchema, type TgiDetails } from './tgi-api.js';
import { createChunk } from '../create-chunk.js';

export async function chatWithTgi(request: ChatCompletionRequest, context: ProviderCallContext): Promise<ChatCompletion> {
  const prompt = formatChatPrompt(request.messages, promptTarget(context), context.settings, context.warnings).text;
  const call = await sendSageMakerRequest(convertToTgiRequest(request, prompt, false), false, context);
  const generation = await parseAwsBody(call, tgiGenerationSchema, context, 'a TGI generation');
  return {
    id: completionId(call),
    object: 'chat.completion',
    created: nowSeconds(),
    model: context.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: generation.generated_text, refusal: null },
        logprobs: null,
        finish_reason: mapTgiFinishReason(generation.details?.finish_reason) ?? 'stop',
      },
    ],
    usage: toUsage(context, prompt, generation.generated_text, generation.details),
  };
}

export async function streamWithTgi(request: ChatCompletionRequest, context: ProviderCallContext): Promise<AsyncIterable<ChatCompletionChunk>> {
  const prompt = formatChatPrompt(request.messages, promptTarget(context), context.settings, context.warnings).text;
  const call = await sendSageMakerRequest(convertToTgiRequest(request, prompt, true), true, context);
  const events = readAwsEvents(call.response, { provider: context.provider, model: context.model, secrets: call.secrets, errors: SAGEMAKER_ERRORS, signal: context.signal });
  return convertTgiStream(decodeSse(payloadBytes(events)), { id: completionId(call), created: nowSeconds(), context, prompt });
}

interface TgiStreamOptions {
  id: string;
  created: number;
  context: ProviderCallContext;
  prompt: string;
}

async function* convertTgiStream(events: AsyncIterable<{ data: string }>, options: TgiStreamOptions): AsyncGenerator<ChatCompletionChunk> {
  const { context } = options;
  const where = { provider: context.provider, model: context.model };
  const chunk = (delta: ChatCompletionChunkDelta, finishReason: FinishReason | null = null): ChatCompletionChunk =>
    createChunk({ id: options.id, created: options.created, model: context.model }, delta, finishReason);
  yield chunk({ role: 'assistant', content: '' });
  let text = '';
  for await (const event of events) {
    if (event.data === '') continue;
    const parsed = tgiStreamEventSchema.safeParse(parseJson(event.data));
    if (!parsed.success) throw new BadGatewayError(`${context.provider} sent a TGI stream event llmux cannot read`, where);
    const data = parsed.data;
    if ('error' in data)
      throw new BadGatewayError(`${context.provider} container error mid-stream: ${String(data.error)}`, {
        ...where,
        code: typeof data.error_type === 'string' ? data.error_type : null,
      });
    // Special tokens (the end-of-sequence `</s>`) are markers, not text; TGI leaves them out of generated_text too.
    if (data.token.special !== true && data.token.text !== '') {
      text += data.token.text;
      yield chunk({ content: data.token.text });
    }
    if (data.details !== null && data.details !== undefined) {
      yield chunk({}, mapTgiFinishReason(data.details.finish_reason) ?? 'stop');
      yield { ...chunk({}), choices: [], usage: toUsage(context, options.prompt, data.generated_text ?? text, data.details) };
      return;
    }
  }
  // TGI ends every finished stream with its details; a stream without them was cut.
  throw new APIConnectionError(`${context.provider} stream ended early, before TGI's final details`, where);
}

function promptTarget(context: ProviderCallContext): PromptTarget {
  return { provider: context.provider, model: context.model, chatRoute: `sagemaker_chat/${context.model}` };
}

function mapTgiFinishReason(reason: string | null | undefined): FinishReason | undefined {
  if (reason === 'length') return 'length';
  if (reason === 'eos_token' || reason === 'stop_sequence') return 'stop';
  return undefined;
}

function toUsage(context: ProviderCallContext, prompt: string, text: string, details: TgiDetails | null | undefined): Usage {
  const promptTokens = details?.input_length ?? tokenCounter({ model: context.model, text: prompt });
  const completionTokens = details?.generated_tokens ?? tokenCounter({ model: context.model, text });
  return { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
}

function parseJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}
