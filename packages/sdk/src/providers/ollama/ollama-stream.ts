// Ollama NDJSON stream → canonical chunks. Each line carries a text or thinking fragment,
// or whole tool calls; the line with `done: true` carries the finish reason and the counts.
// An `{"error"}` line is thrown as the typed error, and a stream that ends before
// `done: true` is an APIConnectionError, never a silently shorter answer.

import { APIConnectionError, BadGatewayError } from '../../errors/error-classes.js';
import { decodeNdjson } from '../../http/decode-ndjson.js';
import { guardUpstreamStream } from '../../http/guard-upstream-stream.js';
import type { HttpResponse } from '../../http/http-client.js';
import { tryParseJson } from '../../http/read-body.js';
import { redactSecrets } from '../../http/redact-secrets.js';
import type { ChatCompletionChunk, ChatCompletionChunkDelta, FinishReason } from '../../spec/index.js';
import { ollamaChunkSchema } from './ollama-api.js';
import { createOllamaPayloadError, readOllamaErrorMessage, type OllamaErrorContext } from './ollama-error.js';
import { convertOllamaToolCalls } from './convert-ollama-tool-calls.js';
import { convertOllamaUsage } from './convert-ollama-usage.js';
import { parseCreated, readOllamaText } from './convert-ollama-response.js';
import { mapOllamaFinishReason } from './map-ollama-finish-reason.js';
import { createChunk } from '../create-chunk.js';

export interface OllamaStreamOptions extends OllamaErrorContext {
  id: string;
  created: number;
  signal: AbortSignal | undefined;
}

/** Frees the connection when the reader stops early and types transport failures. */
export function readOllamaStream(response: HttpResponse, options: OllamaStreamOptions): AsyncGenerator<ChatCompletionChunk> {
  return guardUpstreamStream(response, convertOllamaStream(decodeNdjson(response.body), options), options);
}

export async function* convertOllamaStream(lines: AsyncIterable<string>, options: OllamaStreamOptions): AsyncGenerator<ChatCompletionChunk> {
  let model = options.model;
  let created: number | undefined;
  let started = false;
  let done = false;
  let toolCount = 0;
  const chunk = (delta: ChatCompletionChunkDelta, finishReason: FinishReason | null = null): ChatCompletionChunk =>
    createChunk({ id: options.id, created: created ?? options.created, model }, delta, finishReason);

  for await (const line of lines) {
    // After the last record the body is read to its end, so that the connection is reused.
    if (done) continue;
    const json = tryParseJson(line);
    if (json === undefined) throw malformed(options, line);
    const error = readOllamaErrorMessage(json);
    if (error !== undefined) throw createOllamaPayloadError(error, options);
    const parsed = ollamaChunkSchema.safeParse(json);
    if (!parsed.success) throw malformed(options, line);
    const record = parsed.data;

    if (!started) {
      started = true;
      model = record.model ?? model;
      created = parseCreated(record.created_at);
      yield chunk({ role: 'assistant', content: '' });
    }
    const { content, thinking } = readOllamaText(record);
    if (thinking !== '') yield chunk({ reasoning_content: thinking });
    if (content !== '') yield chunk({ content });
    const toolCalls = convertOllamaToolCalls(record.message?.tool_calls ?? []);
    if (toolCalls.length > 0) {
      // Ollama sends each call whole, so one delta carries its id, name and arguments.
      yield chunk({ tool_calls: toolCalls.map((call) => ({ index: toolCount++, ...call })) });
    }
    if (record.done === true) {
      done = true;
      yield chunk({}, mapOllamaFinishReason(record.done_reason, toolCount > 0));
      yield { ...chunk({}), choices: [], usage: convertOllamaUsage(record) };
    }
  }
  if (!done) {
    throw new APIConnectionError(`${options.provider} stream ended early, before its final "done" record`, {
      provider: options.provider,
      model: options.model,
    });
  }
}

function malformed(options: OllamaErrorContext, line: string): BadGatewayError {
  return new BadGatewayError(`${options.provider} sent a malformed stream record: ${redactSecrets(line.slice(0, 200), options.secrets)}`, {
    provider: options.provider,
    model: options.model,
  });
}
