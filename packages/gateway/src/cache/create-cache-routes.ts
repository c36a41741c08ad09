// LiteLLM's cache admin routes, for admins only: GET /cache/ping, POST /cache/delete
// {keys: [...]} and POST /cache/flushall. Without a cache configured they answer 503, as
// LiteLLM does, rather than pretend.

import { ServiceUnavailableError } from 'llmux';
import { z } from 'zod';
import { requireAdmin } from '../governance/permissions.js';
import { callerOf, readManagementBody, replyJson } from '../management/management-request.js';
import type { Route } from '../http/route.js';
import type { ResponseStore } from './response-store.js';

const deleteSchema = z.object({ keys: z.array(z.string().min(1).max(512)).max(10_000) });

export function createCacheRoutes(store: ResponseStore | undefined): Route[] {
  const configured = (): ResponseStore => {
    if (store === undefined) throw new ServiceUnavailableError('The response cache is not configured: set litellm_settings.cache: true.', { code: 'cache_not_configured' });
    return store;
  };
  return [
    {
      method: 'GET',
      paths: ['/cache/ping'],
      async handle(context) {
        requireAdmin(callerOf(context), 'ping the cache');
        const cache = configured();
        try {
          await cache.ping();
        } catch (error) {
          throw new ServiceUnavailableError(`The ${cache.type} cache does not answer: ${error instanceof Error ? error.message : String(error)}`, { code: 'cache_unhealthy' });
        }
        replyJson(context, { status: 'healthy', cache_type: cache.type, ping_response: true });
      },
    },
    {
      method: 'POST',
      paths: ['/cache/delete'],
      async handle(context) {
        requireAdmin(callerOf(context), 'delete cache entries');
        const { keys } = await readManagementBody(context, deleteSchema);
        const deleted = await configured().delete(keys);
        replyJson(context, { status: 'success', deleted });
      },
    },
    {
      method: 'POST',
      paths: ['/cache/flushall'],
      async handle(context) {
        requireAdmin(callerOf(context), 'flush the cache');
        await configured().flush();
        replyJson(context, { status: 'success' });
      },
    },
  ];
}
