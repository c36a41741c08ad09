// The InvokeModel bodies of the Bedrock families that take a prompt (or, for Cohere Command R,
// one message and a history) instead of messages: how each writes its parameters, and
// lenient schemas reading its reply and its stream chunks down to the same text piece.
// Shapes from AWS's "Inference request parameters and response fields for foundation
// models" pages; usage missing from a body is read from Bedrock's token-count headers.

import { z } from 'zod';
import type { ChatCompletionRequest, FinishReason } from '../../spec/index.js';
import { deepSeekPrompt, instPrompt, llama3Prompt, titanPrompt, type PromptTemplate, type PromptTurn } from './format-bedrock-prompt.js';

/** What one reply or one stream chunk says, whatever the family's field names. */
interface TextPiece {
  text: string;
  stopReason?: string | null | undefined;
  inputTokens?: number | null | undefined;
  outputTokens?: number | null | undefined;
}

export interface PromptFamily {
  name: string;
  /** The request parameters the body has a field for; others are dropped with a warning. */
  takes: ReadonlySet<'temperature' | 'top_p' | 'max_tokens' | 'stop'>;
  toBody(turns: PromptTurn[], settings: SamplingSettings): Record<string, unknown>;
  reply: z.ZodType<TextPiece>;
  chunk: z.ZodType<TextPiece>;
  /** The prompt opens a `<think>` block (DeepSeek-R1), so the reply's text up to `</think>` is reasoning. */
  opensThought?: true;
}

export interface SamplingSettings {
  maxTokens?: number | undefined;
  temperature?: number | undefined;
  topP?: number | undefined;
  stop?: string[] | undefined;
}

const count = z.number().nullish();
const reason = z.string().nullish();

function fromPrompt(template: PromptTemplate, fields: { maxTokens: string; stop?: string }): PromptFamily['toBody'] {
  return (turns, settings) =>
    withDefined({
      prompt: template(turns),
      [fields.maxTokens]: settings.maxTokens,
      temperature: settings.temperature,
      top_p: settings.topP,
      ...(fields.stop === undefined ? {} : { [fields.stop]: settings.stop }),
    });
}

const ALL = new Set(['temperature', 'top_p', 'max_tokens', 'stop'] as const);

/** Llama: `{generation, prompt_token_count, generation_token_count, stop_reason}`, the same per chunk. */
const llamaPiece = z
  .looseObject({ generation: z.string().nullish(), prompt_token_count: count, generation_token_count: count, stop_reason: reason })
  .transform((body): TextPiece => ({ text: body.generation ?? '', stopReason: body.stop_reason, inputTokens: body.prompt_token_count, outputTokens: body.generation_token_count }));

/** Mistral: `{outputs: [{text, stop_reason}]}`, the same per chunk. */
const mistralPiece = z
  .looseObject({ outputs: z.array(z.looseObject({ text: z.string().nullish(), stop_reason: reason })) })
  .transform((body): TextPiece => ({ text: body.outputs.map((output) => output.text ?? '').join(''), stopReason: body.outputs[0]?.stop_reason }));

/** DeepSeek-R1: `{choices: [{text, stop_reason}]}`, the same per chunk. */
const deepSeekPiece = z
  .looseObject({ choices: z.array(z.looseObject({ text: z.string().nullish(), stop_reason: reason })) })
  .transform((body): TextPiece => ({ text: body.choices.map((choice) => choice.text ?? '').join(''), stopReason: body.choices[0]?.stop_reason }));

const FAMILIES: ReadonlyArray<readonly [marker: string, family: PromptFamily]> = [
  [
    'meta.llama2',
    { name: 'Llama 2', takes: new Set(['temperature', 'top_p', 'max_tokens']), toBody: fromPrompt(instPrompt, { maxTokens: 'max_gen_len' }), reply: llamaPiece, chunk: llamaPiece },
  ],
  [
    'meta.llama',
    { name: 'Llama', takes: new Set(['temperature', 'top_p', 'max_tokens']), toBody: fromPrompt(llama3Prompt, { maxTokens: 'max_gen_len' }), reply: llamaPiece, chunk: llamaPiece },
  ],
  ['mistral.', { name: 'Mistral', takes: ALL, toBody: fromPrompt(instPrompt, { maxTokens: 'max_tokens', stop: 'stop' }), reply: mistralPiece, chunk: mistralPiece }],
  [
    'deepseek.',
    { name: 'DeepSeek', takes: ALL, toBody: fromPrompt(deepSeekPrompt, { maxTokens: 'max_tokens', stop: 'stop' }), reply: deepSeekPiece, chunk: deepSeekPiece, opensThought: true },
  ],
  [
    'amazon.titan-text',
    {
      name: 'Titan Text',
      takes: ALL,
      toBody: (turns, settings) => ({
        inputText: titanPrompt(turns),
        textGenerationConfig: withDefined({ maxTokenCount: settings.maxTokens, temperature: settings.temperature, topP: settings.topP, stopSequences: settings.stop }),
      }),
      // `{inputTextTokenCount, results: [{tokenCount, outputText, completionReason}]}`
      reply: z
        .looseObject({
          inputTextTokenCount: count,
          results: z.array(z.looseObject({ outputText: z.string().nullish(), tokenCount: count, completionReason: reason })),
        })
        .transform((body): TextPiece => ({
          text: body.results.map((result) => result.outputText ?? '').join(''),
          stopReason: body.results[0]?.completionReason,
          inputTokens: body.inputTextTokenCount,
          outputTokens: body.results[0]?.tokenCount,
        })),
      // `{outputText, index, totalOutputTextTokenCount, completionReason, inputTextTokenCount}`
      chunk: z
        .looseObject({ outputText: z.string().nullish(), totalOutputTextTokenCount: count, completionReason: reason, inputTextTokenCount: count })
        .transform((body): TextPiece => ({
          text: body.outputText ?? '',
          stopReason: body.completionReason,
          inputTokens: body.inputTextTokenCount,
          outputTokens: body.totalOutputTextTokenCount,
        })),
    },
  ],
  [
    'cohere.command-r',
    {
      name: 'Cohere Command R',
      takes: ALL,
      toBody: (turns, settings) => toCohereBody(turns, settings),
      // `{text, generation_id, finish_reason, chat_history}`
      reply: z.looseObject({ text: z.string().nullish(), finish_reason: reason }).transform((body): TextPiece => ({ text: body.text ?? '', stopReason: body.finish_reason })),
      // `{is_finished, event_type: text-generation|stream-end, text, finish_reason}`
      chunk: z.looseObject({ event_type: z.string().nullish(), text: z.string().nullish(), finish_reason: reason }).transform((body): TextPiece => ({
        text: body.event_type === 'text-generation' ? (body.text ?? '') : '',
        stopReason: body.event_type === 'stream-end' ? body.finish_reason : undefined,
      })),
    },
  ],
];

export function findPromptFamily(modelId: string): PromptFamily | undefined {
  return FAMILIES.find(([marker]) => modelId.includes(marker))?.[1];
}

export function readSamplingSettings(request: ChatCompletionRequest): SamplingSettings {
  const stop = request.stop ?? undefined;
  return {
    maxTokens: request.max_completion_tokens ?? request.max_tokens ?? undefined,
    temperature: request.temperature ?? undefined,
    topP: request.top_p ?? undefined,
    stop: typeof stop === 'string' ? [stop] : stop,
  };
}

/** Each family's stop words for the same four outcomes (Titan and Cohere in capitals). */
export function mapPromptFinishReason(stopReason: string | null | undefined): FinishReason | null {
  if (stopReason === null || stopReason === undefined) return null;
  switch (stopReason.toLowerCase()) {
    case 'length':
    case 'max_tokens':
      return 'length';
    case 'content_filtered':
    case 'error_toxic':
      return 'content_filter';
    default:
      return 'stop';
  }
}

/** Command R: the last user turn is `message`, earlier turns `chat_history`, system text `preamble`. */
function toCohereBody(turns: PromptTurn[], settings: SamplingSettings): Record<string, unknown> {
  const system = turns.filter((turn) => turn.role === 'system').map((turn) => turn.text);
  const rest = turns.filter((turn) => turn.role !== 'system');
  const last = rest.at(-1);
  const history = (last?.role === 'user' ? rest.slice(0, -1) : rest).map((turn) => ({ role: turn.role === 'user' ? 'USER' : 'CHATBOT', message: turn.text }));
  return withDefined({
    message: last?.role === 'user' ? last.text : '',
    chat_history: history.length > 0 ? history : undefined,
    preamble: system.length > 0 ? system.join('\n') : undefined,
    max_tokens: settings.maxTokens,
    temperature: settings.temperature,
    p: settings.topP,
    stop_sequences: settings.stop,
  });
}

function withDefined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
