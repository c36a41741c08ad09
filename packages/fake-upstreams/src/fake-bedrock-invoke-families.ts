// Bedrock InvokeModel for the non-Anthropic chat families, body and stream as AWS documents
// them ("Inference request parameters and response fields for foundation models"):
// Meta Llama (`prompt` → `generation`), Mistral (`prompt` → `outputs[]`), Titan Text
// (`inputText` → `results[]`), DeepSeek-R1 (`prompt` → `choices[]`), Cohere Command R
// (`message`/`chat_history` → `text`), Nova (messages-v1, Converse's shapes) and the
// OpenAI-chat models (gpt-oss, Qwen3). Each stream chunk is one of the family's events as
// base64 JSON; the last carries Bedrock's invocation metrics. Keys a family does not take
// are refused as Bedrock refuses them.

import { awsEventFrame, type FakeAwsFrame } from './fake-aws-event-stream.js';
import { createFakeConverseEvents, createFakeConverseResponse, toConverseUsage } from './fake-bedrock-converse.js';
import type { FakeChatReply } from './fake-chat-reply.js';
import { mapFakeFinish } from './fake-finish-reason.js';
import { createFakeOpenAICompletion, createFakeOpenAIEvents, resolveToolCalls, usageOf } from './fake-openai-chat.js';
import { splitWords } from './fake-split-text.js';
import { fakeTokenCount } from './fake-token-count.js';
import { isRecord } from './is-record.js';

/** One rendered answer: the JSON body with its token-count headers, or the stream's chunks. */
export interface FakeInvokeAnswer {
  body: unknown;
  headers: Record<string, string>;
}

interface TextFamily {
  kind: 'text';
  keys: ReadonlySet<string>;
  /** The key holding the prompt (Command R: the message). */
  promptKey: string;
  stops: { stop: string; length: string; content_filter: string };
  reply(text: string, stop: string, input: number, output: number, served: number): Record<string, unknown>;
  /** One stream event per word, then the closing one (stop set, text empty). */
  chunk(text: string, stop: string | null, input: number, output: number, served: number): Record<string, unknown>;
  /** DeepSeek-R1: the prompt opened a `<think>` block, so the text is the reasoning, `</think>`, then the answer. */
  closesThought?: true;
}

type Family = TextFamily | { kind: 'nova' } | { kind: 'openai' };

const LOWER = { stop: 'stop', length: 'length', content_filter: 'stop' };

const FAMILIES: ReadonlyArray<readonly [marker: string, family: Family]> = [
  ['amazon.nova', { kind: 'nova' }],
  ['openai.gpt-oss', { kind: 'openai' }],
  ['qwen.', { kind: 'openai' }],
  [
    'meta.llama',
    {
      kind: 'text',
      keys: new Set(['prompt', 'temperature', 'top_p', 'max_gen_len', 'images']),
      promptKey: 'prompt',
      stops: LOWER,
      reply: (text, stop, input, output) => ({ generation: text, prompt_token_count: input, generation_token_count: output, stop_reason: stop }),
      chunk: (text, stop, input, output) => ({ generation: text, prompt_token_count: stop === null ? null : input, generation_token_count: output, stop_reason: stop }),
    },
  ],
  [
    'mistral.',
    {
      kind: 'text',
      keys: new Set(['prompt', 'max_tokens', 'stop', 'temperature', 'top_p', 'top_k']),
      promptKey: 'prompt',
      stops: LOWER,
      reply: (text, stop) => ({ outputs: [{ text, stop_reason: stop }] }),
      chunk: (text, stop) => ({ outputs: [{ text, stop_reason: stop }] }),
    },
  ],
  [
    'deepseek.',
    {
      kind: 'text',
      keys: new Set(['prompt', 'max_tokens', 'stop', 'temperature', 'top_p']),
      promptKey: 'prompt',
      stops: LOWER,
      reply: (text, stop) => ({ choices: [{ text, stop_reason: stop }] }),
      chunk: (text, stop) => ({ choices: [{ text, stop_reason: stop }] }),
      closesThought: true,
    },
  ],
  [
    'amazon.titan-text',
    {
      kind: 'text',
      keys: new Set(['inputText', 'textGenerationConfig']),
      promptKey: 'inputText',
      stops: { stop: 'FINISH', length: 'LENGTH', content_filter: 'CONTENT_FILTERED' },
      reply: (text, stop, input, output) => ({ inputTextTokenCount: input, results: [{ tokenCount: output, outputText: text, completionReason: stop }] }),
      chunk: (text, stop, input, output) => ({ outputText: text, index: 0, totalOutputTextTokenCount: output, completionReason: stop, inputTextTokenCount: input }),
    },
  ],
  [
    'cohere.command-r',
    {
      kind: 'text',
      keys: new Set([
        'message',
        'chat_history',
        'documents',
        'preamble',
        'max_tokens',
        'temperature',
        'p',
        'k',
        'stop_sequences',
        'seed',
        'return_prompt',
        'search_queries_only',
        'frequency_penalty',
        'presence_penalty',
        'raw_prompting',
      ]),
      promptKey: 'message',
      stops: { stop: 'COMPLETE', length: 'MAX_TOKENS', content_filter: 'ERROR_TOXIC' },
      reply: (text, stop, _input, _output, served) => ({ generation_id: `fake-gen-${served}`, text, finish_reason: stop, chat_history: [] }),
      chunk: (text, stop, _input, _output, served) =>
        stop === null
          ? { is_finished: false, event_type: 'text-generation', text }
          : { is_finished: true, event_type: 'stream-end', finish_reason: stop, response: { generation_id: `fake-gen-${served}`, text: '', finish_reason: stop } },
    },
  ],
];

const TITAN_CONFIG_KEYS = new Set(['maxTokenCount', 'stopSequences', 'temperature', 'topP']);
const NOVA_KEYS = new Set(['schemaVersion', 'messages', 'system', 'inferenceConfig', 'toolConfig', 'additionalModelRequestFields']);

/** Bedrock's ValidationException text for a body the family does not take, or undefined. */
export function checkFakeInvokeFamilyBody(modelId: string, body: Record<string, unknown>): string | undefined {
  const family = findFamily(modelId);
  if (family === undefined) return `The fake serves no InvokeModel chat body for ${modelId}`;
  if (family.kind === 'openai') {
    if ('model' in body) return 'Malformed input request: #: extraneous key [model] is not permitted, please reformat your input and try again.';
    return Array.isArray(body['messages']) ? undefined : 'Malformed input request: #: required key [messages] not found, please reformat your input and try again.';
  }
  const keys = family.kind === 'nova' ? NOVA_KEYS : family.keys;
  const extra = Object.keys(body).find((key) => !keys.has(key));
  if (extra !== undefined) return `Malformed input request: #: extraneous key [${extra}] is not permitted, please reformat your input and try again.`;
  if (family.kind === 'nova')
    return Array.isArray(body['messages']) ? undefined : 'Malformed input request: #: required key [messages] not found, please reformat your input and try again.';
  if (typeof body[family.promptKey] !== 'string') return `Malformed input request: #: required key [${family.promptKey}] not found, please reformat your input and try again.`;
  const config = body['textGenerationConfig'];
  if (config !== undefined && (!isRecord(config) || Object.keys(config).some((key) => !TITAN_CONFIG_KEYS.has(key)))) {
    return 'Malformed input request: #/textGenerationConfig: extraneous key is not permitted, please reformat your input and try again.';
  }
  return undefined;
}

export function createFakeInvokeFamilyReply(modelId: string, body: Record<string, unknown>, reply: FakeChatReply, served: number): FakeInvokeAnswer {
  const family = findFamily(modelId);
  if (family?.kind === 'nova') {
    const usage = toConverseUsage(reply);
    return { body: createFakeConverseResponse(reply, served), headers: countHeaders(usage['inputTokens'] ?? 0, usage['outputTokens'] ?? 0) };
  }
  if (family?.kind === 'openai') {
    const toolCalls = resolveToolCalls(reply, served);
    const { input, output } = openAICounts(reply, toolCalls);
    return { body: createFakeOpenAICompletion(openAIContext(modelId, served), reply, toolCalls), headers: countHeaders(input, output) };
  }
  const text = textFamily(family);
  const { input, output } = counts(text, body, reply);
  return { body: text.reply(generatedText(text, reply), mapFakeFinish(reply, finishNames(text)), input, output, served), headers: countHeaders(input, output) };
}

export function createFakeInvokeFamilyFrames(modelId: string, body: Record<string, unknown>, reply: FakeChatReply, served: number): FakeAwsFrame[] {
  const family = findFamily(modelId);
  const events: Array<{ event: Record<string, unknown>; content: boolean }> = [];
  let input: number;
  let output: number;
  if (family?.kind === 'nova') {
    for (const event of createFakeConverseEvents(reply, served)) events.push({ event: { [event.type]: event.payload }, content: event.content });
    const usage = toConverseUsage(reply);
    input = usage['inputTokens'] ?? 0;
    output = usage['outputTokens'] ?? 0;
  } else if (family?.kind === 'openai') {
    const context = openAIContext(modelId, served);
    const toolCalls = resolveToolCalls(reply, served);
    for (const { frame, content } of createFakeOpenAIEvents(context, reply, toolCalls, true)) {
      const data = frame.slice('data: '.length).trim();
      if (data !== '[DONE]') events.push({ event: JSON.parse(data) as Record<string, unknown>, content });
    }
    ({ input, output } = openAICounts(reply, toolCalls));
  } else {
    const text = textFamily(family);
    ({ input, output } = counts(text, body, reply));
    let sent = 0;
    for (const piece of splitWords(generatedText(text, reply))) {
      sent += 1;
      events.push({ event: text.chunk(piece, null, input, Math.min(sent, output), served), content: true });
    }
    events.push({ event: text.chunk('', mapFakeFinish(reply, finishNames(text)), input, output, served), content: false });
  }
  const last = events.at(-1);
  if (last !== undefined)
    last.event = { ...last.event, 'amazon-bedrock-invocationMetrics': { inputTokenCount: input, outputTokenCount: output, invocationLatency: 321, firstByteLatency: 123 } };
  return events.map(({ event, content }) => awsEventFrame('chunk', { bytes: Buffer.from(JSON.stringify(event)).toString('base64') }, content));
}

/** What the model writes: its answer, after its reasoning and `</think>` where the prompt opened the block. */
function generatedText(family: TextFamily, reply: FakeChatReply): string {
  const content = reply.content ?? '';
  return family.closesThought === true && reply.reasoning !== undefined ? `${reply.reasoning}\n</think>\n\n${content}` : content;
}

function findFamily(modelId: string): Family | undefined {
  return FAMILIES.find(([marker]) => modelId.includes(marker))?.[1];
}

function textFamily(family: Family | undefined): TextFamily {
  if (family?.kind !== 'text') throw new Error('not a prompt family');
  return family;
}

function finishNames(family: TextFamily): Record<'stop' | 'length' | 'tool_calls' | 'content_filter', string> {
  return { ...family.stops, tool_calls: family.stops.stop };
}

function counts(family: TextFamily, body: Record<string, unknown>, reply: FakeChatReply): { input: number; output: number } {
  const prompt = body[family.promptKey];
  return {
    input: reply.usage?.promptTokens ?? fakeTokenCount(typeof prompt === 'string' ? prompt : ''),
    output: reply.usage?.completionTokens ?? fakeTokenCount(reply.content ?? ''),
  };
}

function openAICounts(reply: FakeChatReply, toolCalls: ReturnType<typeof resolveToolCalls>): { input: number; output: number } {
  const usage = usageOf(reply, toolCalls);
  return { input: Number(usage['prompt_tokens']), output: Number(usage['completion_tokens']) };
}

function countHeaders(input: number, output: number): Record<string, string> {
  return { 'x-amzn-bedrock-input-token-count': String(input), 'x-amzn-bedrock-output-token-count': String(output), 'x-amzn-bedrock-invocation-latency': '321' };
}

function openAIContext(modelId: string, served: number): { id: string; model: string; created: number; reasoningField: 'reasoning' } {
  return { id: `chatcmpl-bdrk-fake${String(served).padStart(6, '0')}`, model: modelId, created: 1_765_000_000, reasoningField: 'reasoning' };
}
