// OpenAI's `/completions` and `/moderations` for the rows that declare them: the body goes as
// the caller built it (model replaced), the reply is read with a lenient schema, and a stream
// is read from OpenAI SSE, asking for the usage chunk that prices it.

import { z } from 'zod';
import { APIConnectionError, BadGatewayError } from '../../errors/error-classes.js';
import { readSseStream, type SseEventHandler } from '../../http/read-sse-stream.js';
import type { TextCompletionChunk } from '../../spec/index.js';
import type { ModerationSupport } from '../moderation-support.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import type { TextCompletionSupport } from '../text-completion-support.js';
import { createOpenAIPayloadError, isOpenAIErrorPayload, type OpenAIErrorContext } from './openai-error.js';
import type { OpenAIProviderConfig } from './openai-provider-config.js';
import { parseOpenAIBody } from './parse-openai-body.js';
import { sendOpenAIRequest } from './send-openai-request.js';

const logprobsSchema = z.looseObject({
  tokens: z.array(z.string()),
  token_logprobs: z.array(z.number().nullable()),
  top_logprobs: z.array(z.record(z.string(), z.number()).nullable()),
  text_offset: z.array(z.number()),
});

const textCompletionSchema = z.looseObject({
  id: z.string(),
  object: z.literal('text_completion'),
  created: z.number(),
  model: z.string(),
  choices: z.array(
    z.looseObject({
      text: z.string(),
      index: z.number(),
      logprobs: logprobsSchema.nullable().default(null),
      // Servers that end for their own reasons (vLLM's `abort`) are reported as a plain stop.
      finish_reason: z.enum(['stop', 'length', 'content_filter']).nullable().catch('stop').default(null),
    }),
  ),
});

const moderationSchema = z.looseObject({
  id: z.string(),
  model: z.string(),
  results: z.array(z.looseObject({ flagged: z.boolean(), categories: z.record(z.string(), z.boolean()), category_scores: z.record(z.string(), z.number()) })),
});

export function createOpenAITextCompletion(config: OpenAIProviderConfig, models: true | RegExp): TextCompletionSupport {
  return {
    serves: (model) => models === true || models.test(model),
    async complete(request, context) {
      const body = JSON.stringify({ ...request, model: context.model, stream: undefined, stream_options: undefined });
      const call = await sendOpenAIRequest(config, { path: '/completions', method: 'POST', body, stream: false }, context);
      // The schema checks the frame; the rest of the body is OpenAI's and passed on as sent.
      return parseOpenAIBody(call, textCompletionSchema, context, 'a text_completion');
    },
    async stream(request, context) {
      const body = JSON.stringify({ ...request, model: context.model, stream: true, stream_options: { ...request.stream_options, include_usage: true } });
      const call = await sendOpenAIRequest(config, { path: '/completions', method: 'POST', body, stream: true }, context);
      const errors = { provider: context.provider, model: context.model, secrets: call.secrets };
      return readSseStream(call.response.body, new TextCompletionChunkReader(errors), { ...errors, signal: context.signal });
    },
  };
}

export function createOpenAIModeration(config: OpenAIProviderConfig): ModerationSupport {
  return {
    async moderate(request, context: ProviderCallContext) {
      const body = JSON.stringify({ ...request, model: context.model });
      const call = await sendOpenAIRequest(config, { path: '/moderations', method: 'POST', body, stream: false }, context);
      return parseOpenAIBody(call, moderationSchema, context, 'a moderation result');
    },
  };
}

/** `data:` events until `[DONE]`; an error payload is the typed error; a cut before the end is a connection error. */
class TextCompletionChunkReader implements SseEventHandler<TextCompletionChunk> {
  private done = false;
  private finishSeen = false;

  constructor(private readonly errors: OpenAIErrorContext) {}

  onEvent(event: string | undefined, data: string, emit: (chunk: TextCompletionChunk) => void): void {
    if (this.done || data === '') return;
    if (data === '[DONE]') {
      this.done = true;
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      throw new BadGatewayError(`${this.errors.provider} sent an event that is not JSON in its stream`, { provider: this.errors.provider, model: this.errors.model });
    }
    if (event === 'error' || isOpenAIErrorPayload(json)) throw createOpenAIPayloadError(json, this.errors);
    const parsed = textCompletionSchema.safeParse(json);
    if (!parsed.success)
      throw new BadGatewayError(`${this.errors.provider} sent a chunk that is not a text_completion`, { provider: this.errors.provider, model: this.errors.model });
    const chunk: TextCompletionChunk = parsed.data;
    if (!this.finishSeen) this.finishSeen = chunk.choices.some((choice) => choice.finish_reason !== null && choice.finish_reason !== undefined);
    emit(chunk);
  }

  onEnd(): void {
    if (this.done || this.finishSeen) return;
    throw new APIConnectionError(`${this.errors.provider} stream ended early: the connection closed before the reply was complete`, {
      provider: this.errors.provider,
      model: this.errors.model,
    });
  }
}
