// POST /config/reload (admin): re-reads the config file the gateway started from. A file
// that fails the start's checks is refused with its problems (400) and the running config
// stays; a good one's model_list is applied at once. Other sections are compared and named
// in restart_needed, since they shape objects built at start (stores, limits, callbacks).

import { AuthenticationError, BadRequestError, PermissionDeniedError } from 'llmux';
import type { Route } from '../http/route.js';
import { sendJson } from '../http/send-json.js';
import { ConfigError } from './config-error.js';
import type { ModelListChanges } from './create-model-list-reloader.js';

export interface ConfigReloadResult extends ModelListChanges {
  /** Sections that differ from the running config and need a restart to apply. */
  restart_needed: string[];
}

export function createConfigReloadRoute(reload: () => Promise<ConfigReloadResult>): Route {
  return {
    method: 'POST',
    paths: ['/config/reload'],
    async handle(context) {
      const caller = context.identity;
      if (caller === undefined)
        throw new AuthenticationError('POST /config/reload needs the master key; set general_settings.master_key (or LLMUX_MASTER_KEY).', { code: 'master_key_not_set' });
      if (caller.role !== 'proxy_admin') throw new PermissionDeniedError('POST /config/reload needs the master key (a proxy admin).', { code: 'forbidden' });
      let result: ConfigReloadResult;
      try {
        result = await reload();
      } catch (error) {
        if (error instanceof ConfigError) throw new BadRequestError(`${error.message}\nThe running config stays.`, { code: 'invalid_config' });
        throw error;
      }
      sendJson(context, 200, JSON.stringify({ status: 'reloaded', ...result }));
    },
  };
}
