export type { GatewayConfig, GatewayRouterSettings, GeneralSettings, LitellmSettings } from './gateway-config.js';
export { emptyGatewayConfig } from './gateway-config.js';
export { ConfigError } from './config-error.js';
export { parseConfig, type ParseConfigOptions, type ParsedConfig } from './parse-config.js';
export { loadConfig } from './load-config.js';
export { configFromModel } from './config-from-model.js';
