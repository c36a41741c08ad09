// OpenAI's legacy completions on a chat-only model: each prompt becomes one user message, the
// chat reply's text (and log probabilities, where the provider gives them) comes back as
// `text_completion` choices. Parameters go through the chat checks, so one the provider
// cannot take is refused, or dropped with a warning under drop_params. `suffix` has no chat
// equivalent and is refused; token-array prompts need the model's own tokenizer and are too.

import { randomUUID } from 'node:crypto';
import { BadRequestError } from './errors/error-classes.js';
import { checkParams } from './params/check-params.js';
import { nowSeconds } from './providers/now-seconds.js';
import type { ProviderAdapter, ProviderCallContext } from './providers/provider-adapter.js';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionRequest,
  FinishReason,
  TextCompletion,
  TextCompletionChoice,
  TextCompletionChunk,
  TextCompletionLogprobs,
  TextCompletionRequest,
  Usage,
} from './spec/index.js';

/** The chat request for each prompt, checked against the provider's parameters. */
export function bridgeRequests(
  request: TextCompletionRequest,
  adapter: ProviderAdapter,
  context: ProviderCallContext,
  dropParams: boolean,
): { prompts: string[]; chats: ChatCompletionRequest[] } {
  const refuse = (message: string, param: string): BadRequestError => new BadRequestError(message, { provider: adapter.id, model: context.model, param });
  if (request.suffix !== undefined && request.suffix !== null) {
    throw refuse(`${adapter.id}/${context.model} is a chat model and does not support "suffix"; only models served on the completions API do`, 'suffix');
  }
  const prompts = readPrompts(request.prompt);
  if (prompts === undefined) throw refuse(`${adapter.id}/${context.model} takes text prompts only: token-array prompts need a model served on the completions API`, 'prompt');
  if (request.best_of !== undefined && request.best_of !== null && request.best_of !== (request.n ?? 1)) {
    if (!dropParams) throw refuse(`${adapter.id}/${context.model} is a chat model and does not support "best_of"; remove it or set drop_params: true`, 'best_of');
    context.warnings.push('dropped parameter "best_of": not supported by chat models');
  }
  const chats = prompts.map((prompt) => {
    const chat: ChatCompletionRequest = { model: context.model, messages: [{ role: 'user', content: prompt }] };
    copyDefined(request, chat);
    if (typeof request.logprobs === 'number') {
      chat.logprobs = true;
      if (request.logprobs > 0) chat.top_logprobs = request.logprobs;
    }
    return checkParams(chat, adapter, dropParams, context.warnings);
  });
  return { prompts, chats };
}

const SHARED_PARAMS = ['max_tokens', 'stop', 'temperature', 'top_p', 'n', 'presence_penalty', 'frequency_penalty', 'logit_bias', 'seed', 'user'] as const;

function copyDefined(from: TextCompletionRequest, to: ChatCompletionRequest): void {
  for (const name of SHARED_PARAMS) {
    const value = from[name];
    if (value !== undefined && value !== null) Object.assign(to, { [name]: value });
  }
}

function readPrompts(prompt: TextCompletionRequest['prompt']): string[] | undefined {
  if (typeof prompt === 'string') return [prompt];
  if (prompt.every((item): item is string => typeof item === 'string')) return prompt.length === 0 ? [''] : prompt;
  return undefined;
}

/** Chat replies (one per prompt, in order) → one text_completion; choice index = prompt × n + choice. */
export function convertChatReplies(replies: readonly ChatCompletion[], request: TextCompletionRequest, prompts: readonly string[]): TextCompletion {
  const n = request.n ?? 1;
  const choices: TextCompletionChoice[] = [];
  let usage: Usage | undefined;
  replies.forEach((reply, promptIndex) => {
    const prompt = prompts[promptIndex] ?? '';
    for (const choice of reply.choices) {
      const echoed = request.echo === true ? prompt : '';
      const text = echoed + (choice.message.content ?? '');
      choices.push({
        text,
        index: promptIndex * n + choice.index,
        logprobs: typeof request.logprobs === 'number' ? convertLogprobs(choice.logprobs, request.echo === true ? prompt.length : 0) : null,
        finish_reason: mapFinishReason(choice.finish_reason),
      });
    }
    if (reply.usage !== undefined) usage = addUsage(usage, reply.usage);
  });
  const first = replies[0];
  const completion: TextCompletion = {
    id: `cmpl-${randomUUID()}`,
    object: 'text_completion',
    created: first?.created ?? nowSeconds(),
    model: first?.model ?? request.model,
    choices,
  };
  if (usage !== undefined) completion.usage = usage;
  return completion;
}

/** A chat stream (one prompt) → text_completion chunks; `echo` puts the prompt before each choice's first text. */
export async function* convertChatStream(chunks: AsyncIterable<ChatCompletionChunk>, request: TextCompletionRequest, prompt: string): AsyncGenerator<TextCompletionChunk> {
  const id = `cmpl-${randomUUID()}`;
  const started = new Set<number>();
  const offsets = new Map<number, number>();
  for await (const chunk of chunks) {
    const choices: TextCompletionChoice[] = [];
    for (const choice of chunk.choices) {
      const content = choice.delta.content ?? '';
      let text = content;
      if (!started.has(choice.index) && (content !== '' || choice.finish_reason !== null)) {
        started.add(choice.index);
        if (request.echo === true) text = prompt + content;
      }
      if (text === '' && choice.finish_reason === null) continue;
      const offset = offsets.get(choice.index) ?? (request.echo === true ? prompt.length : 0);
      offsets.set(choice.index, offset + content.length);
      const logprobs = typeof request.logprobs === 'number' ? convertLogprobs(choice.logprobs, offset) : null;
      choices.push({ text, index: choice.index, logprobs, finish_reason: mapFinishReason(choice.finish_reason) });
    }
    const usage = chunk.usage;
    if (choices.length === 0 && (usage === undefined || usage === null)) continue;
    const converted: TextCompletionChunk = { id, object: 'text_completion', created: chunk.created, model: chunk.model, choices };
    if (usage !== undefined && usage !== null) converted.usage = usage;
    yield converted;
  }
}

interface ChatTokenLogprob {
  token: string;
  logprob: number;
  top_logprobs?: Array<{ token: string; logprob: number }>;
}

/** Chat's `logprobs.content[]` → the completions form; null when the provider sent none. */
function convertLogprobs(logprobs: unknown, startOffset: number): TextCompletionLogprobs | null {
  const content = (logprobs as { content?: unknown } | null | undefined)?.content;
  if (!Array.isArray(content)) return null;
  const converted: TextCompletionLogprobs = { tokens: [], token_logprobs: [], top_logprobs: [], text_offset: [] };
  let offset = startOffset;
  for (const item of content as ChatTokenLogprob[]) {
    converted.tokens.push(item.token);
    converted.token_logprobs.push(item.logprob);
    converted.top_logprobs.push(item.top_logprobs === undefined ? null : Object.fromEntries(item.top_logprobs.map((top) => [top.token, top.logprob])));
    converted.text_offset.push(offset);
    offset += item.token.length;
  }
  return converted;
}

function mapFinishReason(reason: FinishReason | null): TextCompletionChoice['finish_reason'] {
  if (reason === null) return null;
  if (reason === 'length' || reason === 'content_filter') return reason;
  return 'stop';
}

function addUsage(total: Usage | undefined, usage: Usage): Usage {
  if (total === undefined) return { prompt_tokens: usage.prompt_tokens, completion_tokens: usage.completion_tokens, total_tokens: usage.total_tokens };
  return {
    prompt_tokens: total.prompt_tokens + usage.prompt_tokens,
    completion_tokens: total.completion_tokens + usage.completion_tokens,
    total_tokens: total.total_tokens + usage.total_tokens,
  };
}
