// OpenAI's legacy `/v1/completions` as the fake answers it: each prompt (a string or a list)
// gets `n` choices indexed prompt × n + choice; the text is the reply's words, cut at `stop`
// or at `max_tokens` (default 16, as OpenAI's); `echo` puts the prompt first; `logprobs: k`
// gives OpenAI's parallel lists with k alternatives a token; `suffix` is taken by the
// instruct model only. A stream sends one token a chunk, each choice's end, the usage chunk
// when asked, then `[DONE]`. Tokens are words, each with its leading space.

import { isRecord } from './is-record.js';

export interface FakeTextCompletionContext {
  id: string;
  created: number;
  /** The text every choice completes with, before max_tokens and stop cut it. */
  content: string;
}

interface Choice {
  text: string;
  index: number;
  logprobs: Record<string, unknown> | null;
  finish_reason: 'stop' | 'length' | null;
}

const DEFAULT_MAX_TOKENS = 16;

/** Why the body is refused (OpenAI's 400 text), or undefined. */
export function checkFakeCompletionBody(body: Record<string, unknown>): { message: string; param: string } | undefined {
  const prompt = body['prompt'];
  if (prompt === undefined) return { message: "Missing required parameter: 'prompt'.", param: 'prompt' };
  if (!isPrompt(prompt)) return { message: "Invalid type for 'prompt': expected a string or an array of strings or tokens.", param: 'prompt' };
  const logprobs = body['logprobs'];
  if (logprobs !== undefined && logprobs !== null && (typeof logprobs !== 'number' || logprobs < 0 || logprobs > 5)) {
    return { message: `Invalid 'logprobs': integer above maximum value. Expected a value <= 5, but got ${String(logprobs)} instead.`, param: 'logprobs' };
  }
  const suffix = body['suffix'];
  if (suffix !== undefined && suffix !== null && !String(body['model']).includes('instruct')) {
    return { message: 'Suffix is not supported for this model.', param: 'suffix' };
  }
  return undefined;
}

function isPrompt(prompt: unknown): boolean {
  return typeof prompt === 'string' || (Array.isArray(prompt) && prompt.every((item) => typeof item === 'string' || typeof item === 'number' || Array.isArray(item)));
}

function promptTexts(prompt: unknown): string[] {
  if (typeof prompt === 'string') return [prompt];
  const items = prompt as unknown[];
  if (items.every((item) => typeof item === 'number')) return [items.map((token) => `<${String(token)}>`).join('')];
  return items.map((item) => (typeof item === 'string' ? item : (item as number[]).map((token) => `<${String(token)}>`).join('')));
}

function tokenize(text: string): string[] {
  return text.match(/\s*\S+/g) ?? [];
}

/** The tokens a choice says and why it stopped. */
function generate(body: Record<string, unknown>, content: string): { tokens: string[]; finish: 'stop' | 'length' } {
  let text = content;
  const stops = typeof body['stop'] === 'string' ? [body['stop']] : Array.isArray(body['stop']) ? (body['stop'] as string[]) : [];
  let stopped = false;
  for (const stop of stops) {
    const at = text.indexOf(stop);
    if (at >= 0) {
      text = text.slice(0, at);
      stopped = true;
    }
  }
  const all = tokenize(text);
  const max = typeof body['max_tokens'] === 'number' ? body['max_tokens'] : DEFAULT_MAX_TOKENS;
  if (all.length > max) return { tokens: all.slice(0, max), finish: 'length' };
  return { tokens: all, finish: stopped ? 'stop' : 'stop' };
}

function logprobsFor(tokens: string[], alternatives: number, offset: number): Record<string, unknown> {
  let position = offset;
  const textOffset = tokens.map((token) => {
    const at = position;
    position += token.length;
    return at;
  });
  return {
    tokens,
    token_logprobs: tokens.map((_, index) => -0.1 * (index + 1)),
    top_logprobs: tokens.map((token, index) =>
      Object.fromEntries(
        [[token, -0.1 * (index + 1)], ...Array.from({ length: Math.max(0, alternatives - 1) }, (_, k) => [` alt${k + 1}`, -2 - k])].slice(0, Math.max(1, alternatives)),
      ),
    ),
    text_offset: textOffset,
  };
}

function plan(body: Record<string, unknown>, content: string): { prompts: string[]; n: number; tokens: string[]; finish: 'stop' | 'length' } {
  const prompts = promptTexts(body['prompt']);
  const n = typeof body['n'] === 'number' ? body['n'] : 1;
  return { prompts, n, ...generate(body, content) };
}

function usageOf(prompts: string[], n: number, completionTokens: number): Record<string, number> {
  const prompt = prompts.reduce((sum, text) => sum + tokenize(text).length, 0);
  const completion = completionTokens * n * prompts.length;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

export function createFakeTextCompletion(body: Record<string, unknown>, context: FakeTextCompletionContext): Record<string, unknown> {
  const { prompts, n, tokens, finish } = plan(body, context.content);
  const echo = body['echo'] === true;
  const alternatives = typeof body['logprobs'] === 'number' ? body['logprobs'] : undefined;
  const choices: Choice[] = [];
  prompts.forEach((prompt, promptIndex) => {
    for (let k = 0; k < n; k += 1) {
      const said = tokens.join('');
      const logprobs = alternatives === undefined ? null : logprobsFor(echo ? [...tokenize(prompt), ...tokens] : tokens, alternatives, 0);
      choices.push({ text: (echo ? prompt : '') + said, index: promptIndex * n + k, logprobs, finish_reason: finish });
    }
  });
  return { id: context.id, object: 'text_completion', created: context.created, model: body['model'], choices, usage: usageOf(prompts, n, tokens.length) };
}

/** The SSE events of the same completion streamed, `[DONE]` last. */
export function createFakeTextCompletionEvents(body: Record<string, unknown>, context: FakeTextCompletionContext): string[] {
  const { prompts, n, tokens, finish } = plan(body, context.content);
  const echo = body['echo'] === true;
  const alternatives = typeof body['logprobs'] === 'number' ? body['logprobs'] : undefined;
  const includeUsage = isRecord(body['stream_options']) && body['stream_options']['include_usage'] === true;
  const frame = (choices: Choice[], usage?: unknown): string =>
    `data: ${JSON.stringify({ id: context.id, object: 'text_completion', created: context.created, choices, model: body['model'], ...(includeUsage ? { usage: usage ?? null } : {}) })}\n\n`;
  const events: string[] = [];
  prompts.forEach((prompt, promptIndex) => {
    for (let k = 0; k < n; k += 1) {
      const index = promptIndex * n + k;
      let offset = 0;
      const pieces = echo ? [prompt, ...tokens] : tokens;
      for (const piece of pieces) {
        events.push(frame([{ text: piece, index, logprobs: alternatives === undefined ? null : logprobsFor([piece], alternatives, offset), finish_reason: null }]));
        offset += piece.length;
      }
      events.push(frame([{ text: '', index, logprobs: null, finish_reason: finish }]));
    }
  });
  if (includeUsage) events.push(frame([], usageOf(prompts, n, tokens.length)));
  events.push('data: [DONE]\n\n');
  return events;
}
