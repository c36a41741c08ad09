// The response cache on embeddings, per input item: each text (or token list) has its own
// entry, so a later request that shares some items is served those from the cache and the
// upstream is asked only for the rest (and billed only for them). All items cached: no
// upstream call at all.

import type { PreCallHook } from '../core/hooks.js';
import { sendJson } from '../http/send-json.js';
import { EMBEDDING_REQUEST_FIELDS } from '../routes/embedding-request-schema.js';
import { createCacheKey } from './create-cache-key.js';
import type { ResponseCache } from './create-response-cache.js';

/** Keys listed in `x-litellm-cache-key` at most (a header must stay small). */
const HEADER_KEYS = 32;
/** Fields of the body that change a vector (`user` does not). */
const VECTOR_FIELDS = EMBEDDING_REQUEST_FIELDS.filter((name) => name !== 'input' && name !== 'user');

interface CachedVector {
  embedding: unknown;
  model: string;
}

interface EmbeddingItem {
  object?: string;
  index: number;
  embedding: unknown;
}

export function createEmbeddingsCacheHook(cache: ResponseCache): PreCallHook {
  return async (state) => {
    const call = cache.prepare(state);
    if (call === undefined) return undefined;
    const body = call.body;
    const items = inputItems(body['input']);
    const base: Record<string, unknown> = {};
    for (const name of VECTOR_FIELDS) base[name] = body[name];
    const keys = items.map((item) => createCacheKey({ ...base, input: item }, call.scopeId, call.namespace));
    const { context } = state;
    // The same list in the spend row's metadata: bounded, as a 2,048-item request would not be.
    const listed = keys.slice(0, HEADER_KEYS).join(',');
    context.call.cacheKey = listed;
    context.headers['x-litellm-cache-key'] = listed;
    const cached: Array<CachedVector | undefined> = call.controls.noCache
      ? keys.map(() => undefined)
      : await Promise.all(
          keys.map(async (key) => {
            const entry = await cache.lookup(key, call);
            return entry === undefined ? undefined : (JSON.parse(entry.json) as CachedVector);
          }),
        );
    const missing = items.flatMap((_, index) => (cached[index] === undefined ? [index] : []));
    if (missing.length === 0) {
      context.call.cacheHit = true;
      context.call.cost = 0;
      const data = cached.map((vector, index) => ({ object: 'embedding', index, embedding: vector?.embedding }));
      const model = cached[0]?.model ?? body['model'];
      sendJson(context, 200, JSON.stringify({ object: 'list', data, model, usage: { prompt_tokens: 0, total_tokens: 0 } }));
      return { answered: true };
    }
    state.capture = {
      reply(result) {
        // The router's embedding result is this wire shape; its declared type is the SDK's wider one.
        const reply = result as unknown as { data: EmbeddingItem[]; model: string };
        const fresh = new Map(reply.data.map((item) => [item.index, item.embedding]));
        // The upstream numbered the items it was sent: the n-th missing item is its index n.
        const positions = new Map(missing.map((index, position) => [index, position]));
        const merged = items.map((_, index) => {
          const vector = cached[index];
          if (vector !== undefined) return { object: 'embedding', index, embedding: vector.embedding };
          const embedding = fresh.get(positions.get(index) ?? -1);
          if (!call.controls.noStore && embedding !== undefined) cache.save(keys[index] as string, JSON.stringify({ embedding, model: reply.model }), call);
          return { object: 'embedding', index, embedding };
        });
        return { ...(result as object), data: merged };
      },
      chunk: () => undefined,
    };
    // Only the items not cached go upstream; the reply is merged back in the request's order.
    if (missing.length < items.length) return { replace: { ...body, input: missing.map((index) => items[index]) } };
    return undefined;
  };
}

/** The request's items: one string, one token list, or a list of either. */
function inputItems(input: unknown): unknown[] {
  if (!Array.isArray(input)) return [input];
  if (input.length > 0 && input.every((item) => typeof item === 'number')) return [input];
  return input;
}
