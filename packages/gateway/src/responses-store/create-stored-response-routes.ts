// GET /v1/responses/{id}, DELETE /v1/responses/{id} and GET /v1/responses/{id}/input_items
// (also without /v1), in OpenAI's shapes: the Response object; `response.deleted`; a cursor
// list of the input items (`order` desc by default, `limit` 1-100 default 20, `after` an id).

import { BadRequestError } from 'llmux';
import { openAIResponsesDialect } from '../core/dialects/openai-responses-dialect.js';
import { parseQuery } from '../http/limits-query.js';
import type { RequestContext } from '../http/request-context.js';
import type { Route } from '../http/route.js';
import { sendJson } from '../http/send-json.js';
import type { StoredResponses } from './stored-responses.js';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

export function createStoredResponseRoutes(stored: StoredResponses): Route[] {
  const writeError = openAIResponsesDialect.writeError;
  return [
    {
      method: 'GET',
      paths: ['/v1/responses/{id}', '/responses/{id}'],
      writeError,
      handle: async (context) => {
        const query = parseQuery(context.request.url ?? '');
        if (query.get('stream') === 'true')
          throw new BadRequestError('llmux does not replay a stored Response as a stream; retrieve it without stream.', { param: 'stream', code: 'unsupported_value' });
        const row = await stored.find(idOf(context), context.identity);
        sendJson(context, 200, JSON.stringify(row.response));
      },
    },
    {
      method: 'DELETE',
      paths: ['/v1/responses/{id}', '/responses/{id}'],
      writeError,
      handle: async (context) => {
        const id = idOf(context);
        await stored.remove(id, context.identity);
        sendJson(context, 200, JSON.stringify({ id, object: 'response.deleted', deleted: true }));
      },
    },
    {
      method: 'GET',
      paths: ['/v1/responses/{id}/input_items', '/responses/{id}/input_items'],
      writeError,
      handle: async (context) => {
        const query = parseQuery(context.request.url ?? '');
        const row = await stored.find(idOf(context), context.identity);
        sendJson(context, 200, JSON.stringify(pageOf(row.input_items, query)));
      },
    },
  ];
}

function idOf(context: RequestContext): string {
  return context.params?.['id'] ?? '';
}

function pageOf(items: readonly unknown[], query: URLSearchParams): Record<string, unknown> {
  const order = query.get('order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc')
    throw new BadRequestError(`Invalid value for 'order': expected 'asc' or 'desc', got '${order.slice(0, 16)}'.`, { param: 'order', code: 'invalid_value' });
  const limitText = query.get('limit');
  const limit = limitText === null || limitText === '' ? DEFAULT_LIMIT : Number(limitText);
  if (limit > MAX_LIMIT) throw new BadRequestError(`Invalid value for 'limit': expected a whole number from 1 to ${MAX_LIMIT}.`, { param: 'limit', code: 'invalid_value' });
  const ordered = order === 'asc' ? [...items] : [...items].reverse();
  let start = 0;
  const after = query.get('after');
  if (after !== null && after !== '') {
    const index = ordered.findIndex((item) => idOfItem(item) === after);
    if (index === -1) throw new BadRequestError(`Invalid value for 'after': no input item '${after.slice(0, 64)}' in this response.`, { param: 'after', code: 'invalid_value' });
    start = index + 1;
  }
  const data = ordered.slice(start, start + limit);
  return {
    object: 'list',
    data,
    first_id: data.length > 0 ? idOfItem(data[0]) : null,
    last_id: data.length > 0 ? idOfItem(data.at(-1)) : null,
    has_more: start + limit < ordered.length,
  };
}

function idOfItem(item: unknown): string | null {
  const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : null;
}
