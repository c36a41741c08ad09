// POST /v1/moderations (and /moderations): OpenAI's Moderations API. OpenAI deployments answer
// from their own endpoint (free); any other deployment's chat model classifies with the SDK's
// documented prompt and is billed for its tokens. Routed, governed and billed as chat is.

import { moderationAttempt, type ModerationResult } from 'llmux';
import { z } from 'zod';
import type { CallState } from '../operation.js';
import { serveRoutedJson } from './serve-routed-json.js';
import { openAIOperation } from './openai-operation.js';

const inputPart = z.union([
  z.looseObject({ type: z.literal('text'), text: z.string() }),
  z.looseObject({ type: z.literal('image_url'), image_url: z.looseObject({ url: z.string().min(1) }) }),
]);

const moderationsRequestSchema = z.looseObject({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(z.string()).min(1), z.array(inputPart).min(1)]),
});

const FIELDS = ['model', 'input'];

export const moderationsOperation = openAIOperation('/moderations', {
  // LiteLLM's call_type for /v1/moderations.
  names: { name: 'moderations', callType: 'amoderation', traceName: 'moderations' },
  request: { schema: moderationsRequestSchema },
  serve: serveModerations,
});

function serveModerations(state: CallState): Promise<boolean> {
  return serveRoutedJson<ModerationResult>(state, { fields: FIELDS, attempt: moderationAttempt, usage: (reply) => reply.usage });
}
