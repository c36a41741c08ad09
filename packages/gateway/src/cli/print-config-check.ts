// `llmux --check`: what a start with this config would serve (model groups → provider/model,
// where each deployment's key comes from, auth, stores), secrets masked. Nothing listens.

import { getDefaultProviderRegistry } from 'llmux';
import type { ParsedConfig } from '../config/parse-config.js';
import { keyEnvOf } from '../config/provider-credential-env.js';
import { maskKey, maskUrl } from './mask-secret-text.js';

export function formatConfigCheck(source: string, { config, warnings }: ParsedConfig, env: NodeJS.ProcessEnv): string {
  const registry = getDefaultProviderRegistry();
  const lines = [`llmux: ${source} is valid.`];
  lines.push(
    `auth: ${config.general_settings.master_key === undefined ? 'disabled (no master key: the gateway binds 127.0.0.1 unless --host says otherwise)' : 'enabled (master key set)'}`,
  );
  const database = env['DATABASE_URL'] ?? config.general_settings['database_url'];
  lines.push(`database: ${typeof database === 'string' && database !== '' ? maskUrl(database) : `SQLite under ${env['LLMUX_HOME'] ?? './.llmux'}`}`);
  lines.push(`model groups (${new Set(config.model_list.map((deployment) => deployment.model_name)).size}):`);
  for (const deployment of config.model_list) {
    const params = deployment.litellm_params;
    // `model: "*"` names its provider per request.
    const provider = params.model === '*' ? 'any' : registry.resolve(params.model).reference.provider;
    const parts = [`provider ${provider}`];
    if (params.api_base !== undefined) parts.push(`api_base ${maskUrl(params.api_base)}`);
    if (params.api_key !== undefined) parts.push(`api_key ${maskKey(params.api_key)}`);
    else {
      const names = keyEnvOf(provider) ?? [];
      const found = names.find((name) => (env[name] ?? '') !== '');
      if (found !== undefined) parts.push(`key from ${found}`);
      else if (names.length > 0) parts.push(`no key (${names.join(' / ')} unset)`);
    }
    lines.push(`  ${deployment.model_name} → ${params.model} (${parts.join(', ')})`);
  }
  if (warnings.length > 0) lines.push('warnings:', ...warnings.map((warning) => `  - ${warning}`));
  return `${lines.join('\n')}\n`;
}
