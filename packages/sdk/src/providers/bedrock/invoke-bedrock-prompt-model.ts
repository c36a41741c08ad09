// InvokeModel chat for the prompt families (Llama, Mistral, Titan Text, DeepSeek-R1,
// Command R): the turns written into the family's body, its reply or stream chunks read
// down to text pieces, and those built into canonical completions and chunks. Tools have
// no field in these bodies, so they are a 400 naming the Converse route; parameters a
// family has no field for are dropped with a warning.

import { APIConnectionError, BadGatewayError, BadRequestError } from '../../errors/error-classes.js';
import { headerValue } from '../../http/read-body.js';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionChunkDelta, ChatCompletionRequest, FinishReason, Usage } from '../../spec/index.js';
import { z } from 'zod';
import type { AwsEvent } from '../aws/read-aws-events.js';
import { parseAwsBody } from '../aws/parse-aws-body.js';
import type { AwsCall } from '../aws/send-aws-request.js';
import { nowSeconds } from '../now-seconds.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { bedrockCompletionId as completionId } from './bedrock-completion-id.js';
import { convertBedrockInvokeChunks } from './bedrock-invoke-stream.js';
import { mapPromptFinishReason, readSamplingSettings, type PromptFamily } from './bedrock-prompt-families.js';
import { toPromptTurns } from './format-bedrock-prompt.js';
import type { BedrockModel } from './parse-bedrock-model.js';
import { readBedrockEvents } from './read-bedrock-events.js';
import { sendBedrockRequest } from './send-bedrock-request.js';
import { splitThinkTags, ThinkTagSplitter } from '../split-think-tags.js';
import { createChunk } from '../create-chunk.js';

/** Bedrock adds its own counts to the last chunk of every InvokeModel stream. */
const invocationMetricsSchema = z.looseObject({
  'amazon-bedrock-invocationMetrics': z.looseObject({ inputTokenCount: z.number().nullish(), outputTokenCount: z.number().nullish() }).nullish(),
});

export async function chatWithPromptModel(family: PromptFamily, model: BedrockModel, request: ChatCompletionRequest, context: ProviderCallContext): Promise<ChatCompletion> {
  const call = await sendBedrockRequest(model.pathId, 'invoke', toBody(family, model, request, context), context);
  const piece = await parseAwsBody(call, family.reply, context, `a ${family.name} InvokeModel reply`);
  // DeepSeek-R1 answers inside the `<think>` block its prompt opened: the text up to `</think>` is its reasoning.
  const split = family.opensThought === true ? splitThinkTags(piece.text, true) : { content: piece.text, reasoning: undefined };
  return {
    id: completionId(call),
    object: 'chat.completion',
    created: nowSeconds(),
    model: model.modelId,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: split.content, refusal: null, ...(split.reasoning === undefined ? {} : { reasoning_content: split.reasoning }) },
        logprobs: null,
        finish_reason: mapPromptFinishReason(piece.stopReason) ?? 'stop',
      },
    ],
    usage: toUsage(piece.inputTokens ?? headerCount(call, 'x-amzn-bedrock-input-token-count'), piece.outputTokens ?? headerCount(call, 'x-amzn-bedrock-output-token-count')),
  };
}

export async function streamWithPromptModel(
  family: PromptFamily,
  model: BedrockModel,
  request: ChatCompletionRequest,
  context: ProviderCallContext,
): Promise<AsyncIterable<ChatCompletionChunk>> {
  const call = await sendBedrockRequest(model.pathId, 'invoke-with-response-stream', toBody(family, model, request, context), context);
  return convertPromptStream(family, readBedrockEvents(call, context), { id: completionId(call), model: model.modelId, provider: context.provider, created: nowSeconds() });
}

function toBody(family: PromptFamily, model: BedrockModel, request: ChatCompletionRequest, context: ProviderCallContext): Record<string, unknown> {
  if ((request.tools?.length ?? 0) > 0) {
    throw new BadRequestError(`Bedrock InvokeModel for ${family.name} models takes no tools; use bedrock/converse/${model.modelId}`, {
      param: 'tools',
      provider: context.provider,
      model: context.model,
    });
  }
  for (const name of ['tool_choice', 'response_format', 'reasoning_effort', 'top_k', 'thinking'] as const) {
    if (request[name] !== undefined) context.warnings.push(`dropped parameter "${name}": ${family.name} InvokeModel bodies have no field for it`);
  }
  const settings = readSamplingSettings(request);
  if (settings.stop !== undefined && !family.takes.has('stop')) {
    context.warnings.push(`dropped parameter "stop": ${family.name} InvokeModel bodies have no field for it`);
    settings.stop = undefined;
  }
  return family.toBody(toPromptTurns(request.messages, model.modelId), settings);
}

interface PromptStreamOptions {
  id: string;
  model: string;
  provider: string;
  created: number;
}

async function* convertPromptStream(family: PromptFamily, events: AsyncIterable<AwsEvent>, options: PromptStreamOptions): AsyncGenerator<ChatCompletionChunk> {
  const chunk = (delta: ChatCompletionChunkDelta, finishReason: FinishReason | null = null): ChatCompletionChunk => createChunk(options, delta, finishReason);
  let inputTokens: number | undefined;
  let outputTokens: number | undefined;
  let finish: FinishReason | null = null;
  const thought = family.opensThought === true ? new ThinkTagSplitter(true) : undefined;
  const delta = (split: { reasoning: string; content: string }): ChatCompletionChunkDelta =>
    split.reasoning === '' ? { content: split.content } : { content: split.content, reasoning_content: split.reasoning };
  yield chunk({ role: 'assistant', content: '' });
  for await (const event of convertBedrockInvokeChunks(events, options)) {
    const json = parseJson(event.data);
    const piece = family.chunk.safeParse(json);
    if (!piece.success) throw new BadGatewayError(`${options.provider} sent a ${family.name} stream chunk llmux cannot read`, { provider: options.provider, model: options.model });
    const metrics = invocationMetricsSchema.safeParse(json).data?.['amazon-bedrock-invocationMetrics'];
    inputTokens = metrics?.inputTokenCount ?? piece.data.inputTokens ?? inputTokens;
    outputTokens = metrics?.outputTokenCount ?? piece.data.outputTokens ?? outputTokens;
    if (piece.data.text !== '') yield chunk(thought === undefined ? { content: piece.data.text } : delta(thought.push(piece.data.text)));
    finish = mapPromptFinishReason(piece.data.stopReason) ?? finish;
  }
  // Bedrock ends every finished stream with a stop reason; a stream without one was cut.
  if (finish === null)
    throw new APIConnectionError(`${options.provider} stream ended early, before the ${family.name} stop reason`, { provider: options.provider, model: options.model });
  // A tag's first letters held back by the splitter go out with the finish.
  yield chunk(thought === undefined ? {} : delta(thought.end()), finish);
  yield { ...chunk({}), choices: [], usage: toUsage(inputTokens, outputTokens) };
}

function parseJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

function toUsage(input: number | null | undefined, output: number | null | undefined): Usage {
  const prompt = input ?? 0;
  const completion = output ?? 0;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

function headerCount(call: AwsCall, name: string): number | undefined {
  const text = headerValue(call.response.headers, name);
  const value = Number(text);
  return text !== undefined && Number.isFinite(value) ? value : undefined;
}
