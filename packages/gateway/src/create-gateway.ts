// Builds a gateway from a config: the Router over model_list, the routes, the governance
// pre-hooks and the node:http server. Nothing happens until listen().

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpClient, Router, type CallOptions } from 'llmux';
import type { Logger } from 'pino';
import type { GatewayConfig } from './config/gateway-config.js';
import { formatUrl } from './format-url.js';
import { createAuthenticateHook } from './governance/authenticate.js';
import type { PreHook } from './governance/pre-hook.js';
import { createRequestHandler } from './http/create-request-handler.js';
import { RouteTable } from './http/route-table.js';
import { createLogger } from './logging/create-logger.js';
import { createChatCompletionsRoute } from './routes/chat-completions.js';
import { createEmbeddingsRoute } from './routes/embeddings.js';
import { createHealthRoutes } from './routes/health.js';
import { createModelsRoute } from './routes/models.js';
import { readGatewayVersion } from './version.js';

const DEFAULT_MAX_REQUEST_SIZE_MB = 20;
/** How long close() lets in-flight requests (long streams) finish before cutting them. */
const DEFAULT_CLOSE_GRACE_MS = 10_000;

export interface GatewayOptions {
  config: GatewayConfig;
  logger?: Logger;
  closeGraceMs?: number;
}

export interface Gateway {
  readonly server: Server;
  readonly router: Router;
  readonly logger: Logger;
  /** Starts listening; resolves to a URL clients can use (port 0 → the port chosen). */
  listen(port?: number, host?: string): Promise<string>;
  /** Stops accepting, lets in-flight requests finish (up to the grace period), frees pools. */
  close(): Promise<void>;
}

export function createGateway(options: GatewayOptions): Gateway {
  const { config } = options;
  const logger = options.logger ?? createLogger();
  // The gateway's own upstream pool, so close() can release its connections.
  const httpClient = new HttpClient();
  const router = new Router({ modelList: config.model_list, defaults: routerDefaults(config, httpClient) });
  const bodyLimitBytes = Math.floor((config.general_settings.max_request_size_mb ?? DEFAULT_MAX_REQUEST_SIZE_MB) * 1024 * 1024);
  const routes = new RouteTable([
    ...createHealthRoutes(readGatewayVersion()),
    createModelsRoute(router, Math.floor(Date.now() / 1000)),
    createChatCompletionsRoute({ router, bodyLimitBytes }),
    createEmbeddingsRoute({ router, bodyLimitBytes }),
  ]);
  const preHooks: PreHook[] = [];
  const masterKey = config.general_settings.master_key;
  if (masterKey !== undefined && masterKey !== '') preHooks.push(createAuthenticateHook(masterKey));
  else logger.warn('no master key configured: every API route is open to anyone who can reach the server');

  const server = createServer(createRequestHandler({ routes, preHooks, logger }));
  // Longer than common load balancers' idle timeout (60 s), so they never reuse a closed socket.
  server.keepAliveTimeout = 65_000;

  return {
    server,
    router,
    logger,
    listen: (port = 4000, host = '0.0.0.0') =>
      new Promise<string>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve(formatUrl(server.address() as AddressInfo));
        });
      }),
    close: async () => {
      await closeServer(server, options.closeGraceMs ?? DEFAULT_CLOSE_GRACE_MS);
      await httpClient.close();
      await new Promise<void>((resolve) => logger.flush(() => resolve()));
    },
  };
}

function routerDefaults(config: GatewayConfig, httpClient: HttpClient): CallOptions {
  const settings = config.litellm_settings;
  const defaults: CallOptions = { http_client: httpClient };
  if (settings.drop_params !== undefined) defaults.drop_params = settings.drop_params;
  if (settings.request_timeout !== undefined) defaults.timeout = settings.request_timeout;
  return defaults;
}

function closeServer(server: Server, graceMs: number): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
    deadline.unref();
    server.close(() => {
      clearTimeout(deadline);
      resolve();
    });
    server.closeIdleConnections();
  });
}
