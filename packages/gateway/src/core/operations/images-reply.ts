// Serves an images call (generations or edits) through the Router: the ImagesResponse as the
// provider sent it, its tokens (gpt-image reports them) and cost on the call record.

import type { ImagesResult, RouterTarget } from 'llmux';
import type { z } from 'zod';
import { sendJson } from '../../http/send-json.js';
import type { CallState } from '../operation.js';
import { recordRoutedCall, recordUsage, setCostHeader } from '../record-routed-call.js';
import { pickMediaFields, warnDroppedFields, type MediaFields } from './audio-images-fields.js';
import { createRoutingOptions } from './create-routing-options.js';

export async function serveImages(
  state: CallState,
  schema: z.ZodType,
  fields: MediaFields,
  attempt: (target: RouterTarget, rest: object) => Promise<ImagesResult>,
): Promise<boolean> {
  const { context, dependencies } = state;
  // The schema's output: a multipart form's numbers (n, output_compression) arrive as text.
  const body = schema.parse(state.body) as Record<string, unknown>;
  const { params, dropped } = pickMediaFields(body, state.body, fields);
  const result = await dependencies.router.call({ ...params, ...createRoutingOptions(state) }, attempt);
  recordRoutedCall(context, result.llmux);
  warnDroppedFields(context, dropped);
  const usage = result.usage;
  if (usage !== undefined) {
    context.call.promptTokens = usage.input_tokens;
    context.call.completionTokens = usage.output_tokens;
  }
  recordUsage(context, undefined, result.llmux.cost);
  setCostHeader(context, result.llmux.cost);
  sendJson(context, 200, JSON.stringify(result));
  return true;
}
