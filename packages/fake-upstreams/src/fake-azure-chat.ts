// Renders a FakeChatReply as Azure OpenAI sends it: OpenAI's body and chunks (rendered by
// fake-openai-chat.ts) plus Azure's content-filter verdicts, a prompt-filter-only first
// chunk with empty id/model/object, and optionally the annotation-only chunks of
// asynchronous filtering.

import type { FakeChatReply } from './fake-chat-reply.js';
import { createFakeOpenAICompletion, createFakeOpenAIEvents, type FakeOpenAIChatContext, type FakeOpenAIToolCall } from './fake-openai-chat.js';

const SAFE = { filtered: false, severity: 'safe' };
/** What Azure reports for a completion that passed every filter. */
export const AZURE_SAFE_RESULTS = { hate: SAFE, self_harm: SAFE, sexual: SAFE, violence: SAFE };
const BLOCKED_RESULTS = { ...AZURE_SAFE_RESULTS, violence: { filtered: true, severity: 'medium' } };

export const AZURE_PROMPT_FILTER_RESULTS = [{ prompt_index: 0, content_filter_results: { ...AZURE_SAFE_RESULTS, jailbreak: { filtered: false, detected: false } } }];

type Json = Record<string, unknown>;

export function createFakeAzureCompletion(context: FakeOpenAIChatContext, reply: FakeChatReply, toolCalls: FakeOpenAIToolCall[]): Json {
  const body = { ...(createFakeOpenAICompletion(context, reply, toolCalls) as Json) };
  delete body['service_tier'];
  const choices = body['choices'] as Json[];
  body['choices'] = choices.map((choice) => ({ ...choice, content_filter_results: resultsFor(reply) }));
  body['prompt_filter_results'] = AZURE_PROMPT_FILTER_RESULTS;
  return body;
}

export interface FakeAzureStreamOptions {
  includeUsage: boolean;
  /** Follow content chunks with asynchronous-filter annotation chunks. */
  asyncFilter: boolean;
}

/** SSE frames, `[DONE]` included. */
export function createFakeAzureFrames(context: FakeOpenAIChatContext, reply: FakeChatReply, toolCalls: FakeOpenAIToolCall[], options: FakeAzureStreamOptions): string[] {
  const promptChunk = { choices: [], created: 0, id: '', model: '', object: '', prompt_filter_results: AZURE_PROMPT_FILTER_RESULTS };
  const frames = [frame(promptChunk)];
  let offset = 0;
  for (const event of createFakeOpenAIEvents(context, reply, toolCalls, options.includeUsage)) {
    const data = event.frame.slice('data: '.length).trim();
    if (data === '[DONE]') {
      frames.push(event.frame);
      continue;
    }
    const chunk = JSON.parse(data) as Json;
    delete chunk['service_tier'];
    chunk['system_fingerprint'] = null;
    const choices = chunk['choices'] as Json[];
    chunk['choices'] = choices.map((choice) => ({ ...choice, content_filter_results: filterResultsOf(choice, event.content) }));
    frames.push(frame(chunk));
    if (options.asyncFilter && event.content) {
      offset += 1;
      frames.push(frame(annotationChunk(offset)));
    }
  }
  return frames;
}

/** Azure's verdicts are sent on text-bearing chunks; role and finish chunks carry `{}` unless blocked. */
function filterResultsOf(choice: Json, content: boolean): Json {
  if (choice['finish_reason'] === 'content_filter') return BLOCKED_RESULTS;
  return content && !carriesToolCalls(choice) ? AZURE_SAFE_RESULTS : {};
}

/** Tool-call fragments get no verdict: Azure filters text. */
function carriesToolCalls(choice: Json): boolean {
  const delta = choice['delta'] as Json | undefined;
  return delta?.['tool_calls'] !== undefined;
}

function resultsFor(reply: FakeChatReply): Json {
  return reply.finish === 'content_filter' ? BLOCKED_RESULTS : AZURE_SAFE_RESULTS;
}

/** An asynchronous-filter annotation: verdicts and offsets only, with empty id and object. */
function annotationChunk(offset: number): Json {
  return {
    choices: [{ index: 0, finish_reason: null, content_filter_results: AZURE_SAFE_RESULTS, content_filter_offsets: { check_offset: offset, start_offset: 0, end_offset: offset } }],
    created: 0,
    id: '',
    model: '',
    object: '',
  };
}

function frame(chunk: unknown): string {
  return `data: ${JSON.stringify(chunk)}\n\n`;
}
