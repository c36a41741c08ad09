// One wire `chat.completion.chunk` → canonical chunk. Fills what compatible servers leave
// out: `finish_reason` (xAI omits the key), tool-call `index` (Mistral sends whole calls
// without one), tool-call `type`; flattens typed content parts and renames reasoning.

import type { ChatCompletionChunk, ChatCompletionChunkChoice, ChatCompletionChunkDelta, ToolCallDelta } from '../../spec/index.js';
import { argumentsOf, flattenOpenAIContent, reasoningOf, restoreToolCallId, type OpenAIConvertOptions } from './convert-openai-content.js';
import { convertOpenAIUsage } from './convert-openai-usage.js';
import type { OpenAIChunk, OpenAIMessage, OpenAIToolCall } from './openai-api.js';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';
import { ThinkTagSplitter } from '../split-think-tags.js';

export interface OpenAIChunkContext extends OpenAIConvertOptions {
  model: string;
  created: number;
  /** Per choice: the index the next tool call without one gets. */
  nextToolIndex: number[];
  /** Per choice, with the thinkTags quirk: where its content stands relative to a leading `<think>` block. */
  thinkSplitters?: ThinkTagSplitter[];
}

/** Undefined for chunks that carry nothing canonical (Azure's prompt-filter-only first chunk). */
export function convertOpenAIChunk(wire: OpenAIChunk, context: OpenAIChunkContext): ChatCompletionChunk | undefined {
  const wireChoices = wire.choices ?? [];
  const usage = wire.usage;
  if (wireChoices.length === 0 && (usage === null || usage === undefined)) return undefined;
  const choices = wireChoices.map((choice, position): ChatCompletionChunkChoice => {
    const index = choice.index ?? position;
    const converted: ChatCompletionChunkChoice = {
      index,
      delta: convertDelta(choice.delta ?? {}, index, context),
      finish_reason: mapOpenAIFinishReason(choice.finish_reason),
    };
    // What the splitter still holds (a possible tag's first letters) goes out with the finish.
    if (converted.finish_reason !== null) flushThinkSplitter(converted.delta, index, context);
    if (choice.logprobs !== undefined && choice.logprobs !== null) converted.logprobs = choice.logprobs;
    return converted;
  });
  const chunk: ChatCompletionChunk = {
    id: wire.id ?? '',
    object: 'chat.completion.chunk',
    created: wire.created || context.created,
    model: wire.model || context.model,
    choices,
  };
  if (usage !== null && usage !== undefined) chunk.usage = convertOpenAIUsage(usage);
  // OpenAI's schema types it as a string; Azure sends null, which is left out.
  if (typeof wire.system_fingerprint === 'string') chunk.system_fingerprint = wire.system_fingerprint;
  return chunk;
}

function convertDelta(wire: OpenAIMessage, choiceIndex: number, context: OpenAIChunkContext): ChatCompletionChunkDelta {
  const delta: ChatCompletionChunkDelta = {};
  if (wire.role === 'assistant') delta.role = 'assistant';
  const flat = flattenOpenAIContent(wire.content);
  if (flat.text !== undefined) delta.content = flat.text;
  if (wire.refusal !== undefined) delta.refusal = wire.refusal;
  const reasoning = reasoningOf(wire, flat, context);
  if (reasoning !== undefined) delta.reasoning_content = reasoning;
  if (context.thinkTags === true && typeof flat.text === 'string' && flat.text !== '') splitThinkContent(delta, flat.text, choiceIndex, context);
  if (wire.tool_calls !== null && wire.tool_calls !== undefined && wire.tool_calls.length > 0) {
    delta.tool_calls = wire.tool_calls.map((call) => convertToolCallDelta(call, choiceIndex, context));
  }
  return delta;
}

/** The delta's content, with the part inside a leading `<think>` block moved to reasoning_content. */
function splitThinkContent(delta: ChatCompletionChunkDelta, text: string, choiceIndex: number, context: OpenAIChunkContext): void {
  const splitters = (context.thinkSplitters ??= []);
  const splitter = (splitters[choiceIndex] ??= new ThinkTagSplitter());
  const split = splitter.push(text);
  delta.content = split.content;
  if (split.reasoning !== '') delta.reasoning_content = (delta.reasoning_content ?? '') + split.reasoning;
}

function flushThinkSplitter(delta: ChatCompletionChunkDelta, choiceIndex: number, context: OpenAIChunkContext): void {
  const splitter = context.thinkSplitters?.[choiceIndex];
  if (splitter === undefined) return;
  const rest = splitter.end();
  if (rest.content !== '') delta.content = (delta.content ?? '') + rest.content;
  if (rest.reasoning !== '') delta.reasoning_content = (delta.reasoning_content ?? '') + rest.reasoning;
}

function convertToolCallDelta(wire: OpenAIToolCall, choiceIndex: number, context: OpenAIChunkContext): ToolCallDelta {
  const next = context.nextToolIndex[choiceIndex] ?? 0;
  const id = typeof wire.id === 'string' && wire.id !== '' ? wire.id : undefined;
  let index: number;
  if (typeof wire.index === 'number') index = wire.index;
  // Without an index, an id starts a new call and a fragment continues the last one.
  else index = id !== undefined ? next : Math.max(next - 1, 0);
  context.nextToolIndex[choiceIndex] = Math.max(next, index + 1);

  const delta: ToolCallDelta = { index };
  if (id !== undefined) delta.id = restoreToolCallId(id, context);
  if (id !== undefined || wire.type === 'function') delta.type = 'function';
  const wireFunction = wire.function;
  if (wireFunction !== null && wireFunction !== undefined) {
    const fn: NonNullable<ToolCallDelta['function']> = {};
    if (typeof wireFunction.name === 'string') fn.name = wireFunction.name;
    const args = argumentsOf(wire);
    if (args !== undefined) fn.arguments = args;
    delta.function = fn;
  }
  return delta;
}
