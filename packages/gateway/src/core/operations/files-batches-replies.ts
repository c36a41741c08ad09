// Small pieces the /v1/files and /v1/batches routes share: the `{id}` path parameter and
// OpenAI's cursor-paged list (`limit`, `after`; `first_id`, `last_id`, `has_more`).

import { BadRequestError } from 'llmux';
import type { RequestContext } from '../../http/request-context.js';
import { parseQuery } from '../../http/limits-query.js';
import type { Route } from '../../http/route.js';
import { sendJson } from '../../http/send-json.js';
import type { FileBatchKind, FilesBatchesRegistry } from './files-batches-registry.js';

export function pathId(context: RequestContext): string {
  return context.params?.['id'] ?? '';
}

/** GET of a list: OpenAI's default and largest page for the kind (files: 10,000; batches: 20 of up to 100). */
export function listRoute(registry: FilesBatchesRegistry, kind: FileBatchKind, defaultLimit: number, maxLimit: number): Route['handle'] {
  return async (context) => {
    const query = parseQuery(context.request.url ?? '');
    const limit = Number(query.get('limit') || defaultLimit);
    if (limit > maxLimit) throw new BadRequestError(`Invalid value for 'limit': expected a whole number from 1 to ${maxLimit}.`, { code: 'invalid_value', param: 'limit' });
    const after = query.get('after') || undefined;
    const page = await registry.list(kind, context.identity, { limit, after });
    const reply = { object: 'list', data: page.data, first_id: page.data[0]?.['id'] ?? null, last_id: page.data.at(-1)?.['id'] ?? null, has_more: page.hasMore };
    sendJson(context, 200, JSON.stringify(reply));
  };
}
