// The serve step of an operation whose reply is one JSON object (moderations, rerank): the
// allow-listed body fields and the caller's routing options through Router.call with the
// SDK's attempt, the routed deployment, usage and cost on the call record, the reply as sent.

import type { ResponseMetadata, RoutableResult, RouterTarget, Usage } from 'llmux';
import { sendJson } from '../../http/send-json.js';
import { pickFields } from '../../routes/pick-fields.js';
import type { CallState } from '../operation.js';
import { recordRoutedCall, recordUsage, setCostHeader } from '../record-routed-call.js';
import { createRoutingOptions } from './create-routing-options.js';

export interface JsonOperationCall<Result extends RoutableResult & { llmux: ResponseMetadata }> {
  /** The body fields the SDK takes; nothing else a client sends reaches it. */
  fields: readonly string[];
  attempt: (target: RouterTarget, rest: object) => Promise<Result>;
  /** The tokens the call used, for the spend row (absent: none known). */
  usage: (result: Result) => Usage | undefined;
}

export async function serveRoutedJson<Result extends RoutableResult & { llmux: ResponseMetadata }>(state: CallState, call: JsonOperationCall<Result>): Promise<boolean> {
  const { context, dependencies, body } = state;
  const params = { ...pickFields(body, call.fields), ...createRoutingOptions(state) };
  const reply = await dependencies.router.call<typeof params, Result>(params, call.attempt);
  recordRoutedCall(context, reply.llmux);
  recordUsage(context, call.usage(reply), reply.llmux.cost);
  setCostHeader(context, reply.llmux.cost);
  sendJson(context, 200, JSON.stringify(reply));
  return true;
}
