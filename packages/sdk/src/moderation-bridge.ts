// Moderation on a provider without a moderation endpoint: the configured chat model is asked,
// with the prompt below, to classify each input in OpenAI's categories and answer in JSON,
// which becomes OpenAI's moderation result. One chat call per input, made at once. A reply
// that is not that JSON is the provider's fault: a 502, never a silent "not flagged".

import { randomUUID } from 'node:crypto';
import { BadGatewayError } from './errors/error-classes.js';
import { checkParams } from './params/check-params.js';
import type { ProviderAdapter, ProviderCallContext } from './providers/provider-adapter.js';
import type { ChatCompletion, ContentPart, ChatCompletionRequest, ModerationInput, ModerationResponse, ModerationResult, Usage } from './spec/index.js';

/** OpenAI's omni-moderation categories, in its order. */
export const MODERATION_CATEGORIES = [
  'harassment',
  'harassment/threatening',
  'hate',
  'hate/threatening',
  'illicit',
  'illicit/violent',
  'self-harm',
  'self-harm/intent',
  'self-harm/instructions',
  'sexual',
  'sexual/minors',
  'violence',
  'violence/graphic',
] as const;

/** The instruction sent as the system message (documented in the README). */
export const MODERATION_PROMPT = [
  'You are a content moderation classifier. Classify the user message for each of these categories:',
  MODERATION_CATEGORIES.join(', '),
  'Answer with one JSON object and nothing else, of the form',
  '{"category_scores": {"<category>": <probability from 0 to 1>, ...}}',
  'with every category listed above as a key. A score of 0.5 or more means the content is in that category.',
].join('\n');

const FLAG_THRESHOLD = 0.5;

export interface BridgedModeration {
  response: ModerationResponse;
  usage: Usage | undefined;
}

export async function moderateWithChat(input: ModerationInput, adapter: ProviderAdapter, context: ProviderCallContext, dropParams: boolean): Promise<BridgedModeration> {
  const messages = toUserContents(input);
  const replies = await Promise.all(
    messages.map((content) => {
      const chat: ChatCompletionRequest = {
        model: context.model,
        messages: [
          { role: 'system', content: MODERATION_PROMPT },
          { role: 'user', content },
        ],
        temperature: 0,
      };
      return adapter.chat(checkParams(chat, adapter, dropParams, context.warnings), context);
    }),
  );
  let usage: Usage | undefined;
  for (const reply of replies) {
    if (reply.usage === undefined) continue;
    usage =
      usage === undefined
        ? { ...reply.usage }
        : {
            prompt_tokens: usage.prompt_tokens + reply.usage.prompt_tokens,
            completion_tokens: usage.completion_tokens + reply.usage.completion_tokens,
            total_tokens: usage.total_tokens + reply.usage.total_tokens,
          };
  }
  return { response: { id: `modr-${randomUUID()}`, model: context.model, results: replies.map((reply) => readResult(reply, context)) }, usage };
}

/** A string, a list of strings (one result each), or one multimodal input (one result). */
function toUserContents(input: ModerationInput): Array<string | ContentPart[]> {
  if (typeof input === 'string') return [input];
  if (input.every((item): item is string => typeof item === 'string')) return input;
  return [input.filter((item) => typeof item !== 'string') as ContentPart[]];
}

function readResult(reply: ChatCompletion, context: ProviderCallContext): ModerationResult {
  const text = reply.choices[0]?.message.content ?? '';
  const scores = parseScores(text);
  if (scores === undefined) {
    throw new BadGatewayError(`${context.provider}/${context.model} did not answer the moderation prompt with its JSON object`, {
      provider: context.provider,
      model: context.model,
    });
  }
  const categories: Record<string, boolean> = {};
  const categoryScores: Record<string, number> = {};
  for (const category of MODERATION_CATEGORIES) {
    const score = scores[category];
    const value = typeof score === 'number' && Number.isFinite(score) ? Math.min(1, Math.max(0, score)) : 0;
    categoryScores[category] = value;
    categories[category] = value >= FLAG_THRESHOLD;
  }
  return { flagged: Object.values(categories).some(Boolean), categories, category_scores: categoryScores };
}

/** The object's `category_scores`, found in the reply even when wrapped in prose or a code fence. */
function parseScores(text: string): Record<string, unknown> | undefined {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return undefined;
  try {
    const parsed: unknown = JSON.parse(text.slice(start, end + 1));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const scores = (parsed as Record<string, unknown>)['category_scores'];
    return typeof scores === 'object' && scores !== null ? (scores as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
