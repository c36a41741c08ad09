// POST /v1/completions (and /completions): OpenAI's legacy Completions API. The Router picks
// the deployment; the SDK serves it natively where the provider has the API and bridges it to
// chat elsewhere. A stream is written as `text_completion` chunks in OpenAI SSE; one cut
// short is billed from the text it delivered.

import {
  CompletionStream,
  encodeSseData,
  SSE_DONE,
  textCompletionAttempt,
  type ChatMessage,
  type TextCompletionChunk,
  type TextCompletionResult,
  type TextCompletionStream,
} from 'llmux';
import { sendJson } from '../../http/send-json.js';
import { pickFields } from '../../routes/pick-fields.js';
import { countDeliveredUsage, DeliveredText, warmTokenCounter } from '../count-delivered-usage.js';
import { openAIChatDialect } from '../dialects/openai-chat-dialect.js';
import type { CallState } from '../operation.js';
import { recordRoutedCall, recordUsage, setCostHeader } from '../record-routed-call.js';
import { writeStream, type StreamEncoder } from '../write-stream.js';
import { COMPLETIONS_REQUEST, COMPLETIONS_REQUEST_FIELDS } from './completions-request-schema.js';
import { createRoutingOptions } from './create-routing-options.js';
import { openAIOperation } from './openai-operation.js';

const TEXT_SSE: StreamEncoder<TextCompletionChunk> = { chunk: encodeSseData, end: () => SSE_DONE };

export const completionsOperation = openAIOperation('/completions', {
  // LiteLLM's call_type for /v1/completions; OpenTelemetry's GenAI name for the operation.
  names: { name: 'completions', callType: 'atext_completion', traceName: 'text_completion' },
  request: COMPLETIONS_REQUEST,
  serve: serveCompletions,
});

async function serveCompletions(state: CallState): Promise<boolean> {
  const { context, dependencies, body } = state;
  const params = { ...pickFields(body, COMPLETIONS_REQUEST_FIELDS), ...createRoutingOptions(state) };
  const reply = await dependencies.router.call<typeof params, TextCompletionResult | TextCompletionStream>(params, textCompletionAttempt);
  recordRoutedCall(context, reply.llmux);
  if (!(reply instanceof CompletionStream)) {
    recordUsage(context, reply.usage, reply.llmux.cost);
    setCostHeader(context, reply.llmux.cost);
    sendJson(context, 200, JSON.stringify(reply));
    return true;
  }
  warmTokenCounter(reply.llmux.model);
  const delivered = new DeliveredText();
  const onChunk = (chunk: TextCompletionChunk): void => {
    for (const choice of chunk.choices) delivered.note(choice.text);
  };
  await writeStream(context, reply, { dialect: openAIChatDialect, encoder: TEXT_SSE, streams: dependencies.streams, onChunk });
  if (reply.usage === undefined) {
    reply.settleCountedUsage(countDeliveredUsage(reply.llmux.model, promptMessages(body['prompt']), delivered));
    context.call.usageCounted = true;
  }
  recordUsage(context, reply.usage, reply.llmux.cost);
  if (reply.llmux.durationMs !== undefined) context.call.upstreamLatencyMs = reply.llmux.durationMs;
  return true;
}

/** The prompt as chat messages, for counting a cut stream's prompt tokens (text prompts only). */
function promptMessages(prompt: unknown): ChatMessage[] | undefined {
  if (typeof prompt === 'string') return [{ role: 'user', content: prompt }];
  if (Array.isArray(prompt) && prompt.every((item) => typeof item === 'string')) return prompt.map((item: string) => ({ role: 'user', content: item }));
  return undefined;
}
