// OpenAI's legacy Completions API (`POST /v1/completions`): a prompt in, text out. Served
// natively by the OpenAI-format providers that still have it, bridged to chat elsewhere.

import type { Usage } from './usage.js';

export interface TextCompletionRequest {
  model: string;
  /** One prompt, or several (each answered with `n` choices); token arrays as OpenAI takes them. */
  prompt: string | string[] | number[] | number[][];
  suffix?: string | null;
  echo?: boolean | null;
  /** How many most likely tokens to report per position (0-5). */
  logprobs?: number | null;
  max_tokens?: number | null;
  stop?: string | string[] | null;
  temperature?: number | null;
  top_p?: number | null;
  n?: number | null;
  best_of?: number | null;
  presence_penalty?: number | null;
  frequency_penalty?: number | null;
  logit_bias?: Record<string, number> | null;
  seed?: number | null;
  user?: string | null;
  stream?: boolean | null;
  stream_options?: { include_usage?: boolean } | null;
}

/** The completions form of log probabilities: parallel lists, one entry per token. */
export interface TextCompletionLogprobs {
  tokens: string[];
  token_logprobs: Array<number | null>;
  top_logprobs: Array<Record<string, number> | null>;
  text_offset: number[];
}

export interface TextCompletionChoice {
  text: string;
  index: number;
  logprobs: TextCompletionLogprobs | null;
  finish_reason: 'stop' | 'length' | 'content_filter' | null;
}

export interface TextCompletion {
  id: string;
  object: 'text_completion';
  created: number;
  model: string;
  choices: TextCompletionChoice[];
  usage?: Usage;
  system_fingerprint?: string | null;
}

/** A streamed piece: the same object, each choice carrying the text added since the last. */
export interface TextCompletionChunk {
  id: string;
  object: 'text_completion';
  created: number;
  model: string;
  choices: TextCompletionChoice[];
  /** Only on the last chunk, when usage was asked for. */
  usage?: Usage | null;
  system_fingerprint?: string | null;
}
