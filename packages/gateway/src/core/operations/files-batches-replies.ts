// Small pieces the /v1/files and /v1/batches routes share: the `{id}` path parameter and
// OpenAI's list shape.

import type { RequestContext } from '../../http/request-context.js';

export function pathId(context: RequestContext): string {
  return context.params?.['id'] ?? '';
}

export function listReply(data: ReadonlyArray<Record<string, unknown>>): Record<string, unknown> {
  return { object: 'list', data, first_id: data[0]?.['id'] ?? null, last_id: data.at(-1)?.['id'] ?? null, has_more: false };
}
