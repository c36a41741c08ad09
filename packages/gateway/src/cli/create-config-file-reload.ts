// Re-reading the config file the CLI started from, with the same strict checks as the start.
// A bad file throws its ConfigError (the caller refuses it; the running config stays); a good
// one's model_list goes to the router, and the sections that differ from the running config
// are named as needing a restart.

import type { Router } from 'llmux';
import type { ConfigReloadResult } from '../config/create-config-reload-route.js';
import { createModelListReloader, type ModelListReloader } from '../config/create-model-list-reloader.js';
import type { GatewayConfig } from '../config/gateway-config.js';
import { loadConfig } from '../config/load-config.js';
import type { ParseConfigOptions } from '../config/parse-config.js';

const RESTART_SECTIONS = ['litellm_settings', 'general_settings', 'router_settings', 'environment_variables'] as const;

export function createConfigFileReload(file: string, options: ParseConfigOptions, running: GatewayConfig, routerOf: () => Router): () => Promise<ConfigReloadResult> {
  let reloader: ModelListReloader | undefined;
  return async () => {
    const { config } = await loadConfig(file, process.env, options);
    reloader ??= createModelListReloader(routerOf(), running.model_list);
    const changes = reloader.apply(config.model_list);
    const restart_needed = RESTART_SECTIONS.filter((section) => JSON.stringify(config[section]) !== JSON.stringify(running[section]));
    return { ...changes, restart_needed };
  };
}

export function describeReload({ added, removed, changed, restart_needed }: ConfigReloadResult): string {
  const restart = restart_needed.length > 0 ? `; ${restart_needed.join(', ')} changed too: restart to apply ${restart_needed.length > 1 ? 'them' : 'it'}` : '';
  return `model_list: ${added.length} added, ${removed.length} removed, ${changed.length} changed${restart}`;
}
