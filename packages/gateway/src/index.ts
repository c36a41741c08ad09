// @llmux/gateway: an OpenAI-compatible LLM gateway that reads LiteLLM's config.yaml.

export { createGateway, type Gateway, type GatewayOptions } from './create-gateway.js';
export * from './config/index.js';
export { createLogger } from './logging/create-logger.js';
export type { PreHook } from './governance/pre-hook.js';
export type { RequestContext, RequestLogFields } from './http/request-context.js';
export { main } from './cli.js';
