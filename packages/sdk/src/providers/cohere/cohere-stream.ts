// Cohere v2 stream events → canonical chunks. Text and thinking arrive as content deltas,
// the tool plan as its own deltas (→ reasoning_content), tool calls as start + argument
// fragments, and `message-end` carries the finish reason and usage. A stream that ends
// before `message-end`, or whose end reports an error, throws; a trailing `[DONE]` is fine.

import { APIConnectionError, BadGatewayError } from '../../errors/error-classes.js';
import { decodeSse, type SseEvent } from '../../http/decode-sse.js';
import { guardUpstreamStream } from '../../http/guard-upstream-stream.js';
import type { HttpResponse } from '../../http/http-client.js';
import { tryParseJson } from '../../http/read-body.js';
import { redactSecrets } from '../../http/redact-secrets.js';
import type { ChatCompletionChunk, ChatCompletionChunkDelta, FinishReason } from '../../spec/index.js';
import { cohereErrorBodySchema, cohereStreamEventSchema } from './cohere-api.js';
import { createCohereFinishError, createCohereStreamError, type CohereErrorContext } from './cohere-error.js';
import { toArgumentsJson } from './convert-cohere-tool-calls.js';
import { convertCohereUsage } from './convert-cohere-usage.js';
import { mapCohereFinishReason } from './map-cohere-finish-reason.js';

export interface CohereStreamOptions extends CohereErrorContext {
  id: string;
  created: number;
  signal: AbortSignal | undefined;
}

/** Frees the connection when the reader stops early and types transport failures. */
export function readCohereStream(response: HttpResponse, options: CohereStreamOptions): AsyncGenerator<ChatCompletionChunk> {
  return guardUpstreamStream(response, convertCohereStream(decodeSse(response.body), options), options);
}

export async function* convertCohereStream(events: AsyncIterable<SseEvent>, options: CohereStreamOptions): AsyncGenerator<ChatCompletionChunk> {
  let id = options.id;
  let ended = false;
  /** Cohere's per-call index → the 0-based OpenAI tool index. */
  const toolIndexes = new Map<number, number>();
  const chunk = (delta: ChatCompletionChunkDelta, finishReason: FinishReason | null = null): ChatCompletionChunk => ({
    id,
    object: 'chat.completion.chunk',
    created: options.created,
    model: options.model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  });

  for await (const sse of events) {
    // After message-end the body is read to its end, so that the connection is reused.
    if (ended || sse.data === '[DONE]' || sse.data === '') continue;
    const json = tryParseJson(sse.data);
    const parsed = cohereStreamEventSchema.safeParse(json);
    if (!parsed.success) throw unexpected(json, sse.data, options);
    const event = parsed.data;
    const message = event.delta?.message;

    switch (event.type) {
      case 'message-start':
        id = event.id ?? id;
        yield chunk({ role: 'assistant', content: '' });
        break;
      case 'content-start':
      case 'content-delta': {
        const content = message?.content;
        if (content?.thinking) yield chunk({ reasoning_content: content.thinking });
        if (content?.text) yield chunk({ content: content.text });
        break;
      }
      case 'tool-plan-delta':
        if (message?.tool_plan) yield chunk({ reasoning_content: message.tool_plan });
        break;
      case 'tool-call-start': {
        const call = message?.tool_calls;
        const index = toolIndexes.size;
        toolIndexes.set(event.index ?? index, index);
        const name = call?.function?.name ?? '';
        const args = toArgumentsJson(call?.function?.arguments);
        yield chunk({ tool_calls: [{ index, id: call?.id ?? '', type: 'function', function: { name, arguments: args } }] });
        break;
      }
      case 'tool-call-delta': {
        const fragment = toArgumentsJson(message?.tool_calls?.function?.arguments);
        const index = toolIndexes.get(event.index ?? -1) ?? toolIndexes.size - 1;
        if (fragment !== '' && index >= 0) yield chunk({ tool_calls: [{ index, function: { arguments: fragment } }] });
        break;
      }
      case 'message-end': {
        ended = true;
        const failure = createCohereFinishError(event.delta?.finish_reason, event.delta?.error, options);
        if (failure !== undefined) throw failure;
        yield chunk({}, mapCohereFinishReason(event.delta?.finish_reason) ?? 'stop');
        yield { ...chunk({}), choices: [], usage: convertCohereUsage(event.delta?.usage) };
        break;
      }
      // content-end, tool-call-end, citation-start/-end and debug carry nothing canonical.
      default:
        break;
    }
  }
  if (!ended) {
    throw new APIConnectionError(`${options.provider} stream ended early, before message-end`, { provider: options.provider, model: options.model });
  }
}

/** An event without a type: an error report if it reads as one, else a broken stream. */
function unexpected(json: unknown, data: string, options: CohereStreamOptions): Error {
  const error = cohereErrorBodySchema.safeParse(json);
  if (error.success) return createCohereStreamError(error.data.message, options);
  return new BadGatewayError(`${options.provider} sent a malformed stream event: ${redactSecrets(data.slice(0, 200), options.secrets)}`, {
    provider: options.provider,
    model: options.model,
  });
}
