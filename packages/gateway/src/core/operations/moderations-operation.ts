// POST /v1/moderations (and /moderations): OpenAI's Moderations API. OpenAI deployments answer
// from their own endpoint (free); any other deployment's chat model classifies with the SDK's
// documented prompt and is billed for its tokens. Routed, governed and billed as chat is.

import { moderationAttempt, type ModerationResult } from 'llmux';
import { z } from 'zod';
import { sendJson } from '../../http/send-json.js';
import { pickFields } from '../../routes/pick-fields.js';
import { openAIChatDialect } from '../dialects/openai-chat-dialect.js';
import type { CallState, Operation } from '../operation.js';
import { recordRoutedCall, recordUsage, setCostHeader } from '../record-routed-call.js';
import { createRoutingOptions } from './create-routing-options.js';

const inputPart = z.union([
  z.looseObject({ type: z.literal('text'), text: z.string() }),
  z.looseObject({ type: z.literal('image_url'), image_url: z.looseObject({ url: z.string().min(1) }) }),
]);

export const moderationsRequestSchema = z.looseObject({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(z.string()).min(1), z.array(inputPart).min(1)]),
});

const FIELDS = ['model', 'input'];

export const moderationsOperation: Operation = {
  // LiteLLM's call_type for /v1/moderations.
  names: { name: 'moderations', callType: 'amoderation', traceName: 'moderations' },
  method: 'POST',
  paths: ['/v1/moderations', '/moderations'],
  dialect: openAIChatDialect,
  request: { schema: moderationsRequestSchema },
  billed: true,
  serve: serveModerations,
};

async function serveModerations(state: CallState): Promise<boolean> {
  const { context, dependencies, body } = state;
  const params = { ...pickFields(body, FIELDS), ...createRoutingOptions(state) };
  const reply = await dependencies.router.call<typeof params, ModerationResult>(params, moderationAttempt);
  recordRoutedCall(context, reply.llmux);
  recordUsage(context, reply.usage, reply.llmux.cost);
  setCostHeader(context, reply.llmux.cost);
  sendJson(context, 200, JSON.stringify(reply));
  return true;
}
