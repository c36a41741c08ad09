// What POST /v1/responses keeps of a call (unless `store: false`): the Response the client got
// and this turn's input, under the caller and the deployment that served it. The write is
// started before the reply's last bytes go out and never awaited by the call.

import type { RoutedMetadata } from 'llmux';
import { convertToInputItems } from '../../responses-store/convert-to-input-items.js';
import { ownerOf } from '../../responses-store/may-read-stored-response.js';
import type { StoredResponses } from '../../responses-store/stored-responses.js';
import type { RequestContext } from '../../http/request-context.js';

/** Keeps one Response (a second call does nothing: a stream's final event is seen once). */
export type KeepResponse = (response: unknown, native: boolean) => void;

const KEPT_STATUSES: ReadonlySet<unknown> = new Set(['completed', 'incomplete']);

export function createResponsesKeeper(
  stored: StoredResponses | undefined,
  context: RequestContext,
  body: Record<string, unknown>,
  routed: RoutedMetadata,
): KeepResponse | undefined {
  if (stored === undefined || body['store'] === false) return undefined;
  let kept = false;
  return (response, native) => {
    if (kept || typeof response !== 'object' || response === null) return;
    const object = response as Record<string, unknown>;
    const id = object['id'];
    if (typeof id !== 'string' || !KEPT_STATUSES.has(object['status'])) return;
    kept = true;
    const previous = body['previous_response_id'];
    stored.save({
      id,
      ...ownerOf(context.identity),
      model_group: routed.modelGroup,
      deployment_id: routed.deploymentId,
      native,
      previous_response_id: typeof previous === 'string' ? previous : null,
      input_items: convertToInputItems(body['input']),
      response: object,
    });
  };
}

/** A passed-through JSON reply's Response, parsed only when it will be kept. */
export function parseNativeResponse(keep: KeepResponse | undefined, status: number, bytes: Buffer): void {
  if (keep === undefined || status >= 300) return;
  try {
    keep(JSON.parse(bytes.toString('utf8')), true);
  } catch {
    // Not JSON: nothing to keep, and the client gets the bytes as sent.
  }
}
