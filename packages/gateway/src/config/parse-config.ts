// Turns a parsed config document into a GatewayConfig: applies `environment_variables`,
// resolves `os.environ/NAME` references anywhere, validates, and fills the master key from
// the environment. Returns warnings (unset variables) for the caller to log.

import { resolveEnvReferences } from 'llmux';
import type { z } from 'zod';
import { ConfigError, formatConfigPath } from './config-error.js';
import { configSchema } from './config-schema.js';
import { findUnsetEnvReferences } from './find-unset-env-references.js';
import type { GatewayConfig } from './gateway-config.js';

export interface ParsedConfig {
  config: GatewayConfig;
  warnings: string[];
}

export function parseConfig(document: unknown, source: string, env: NodeJS.ProcessEnv = process.env): ParsedConfig {
  if (document === null || document === undefined) throw new ConfigError(source, ['the file is empty; expected a mapping with model_list']);
  if (typeof document !== 'object' || Array.isArray(document)) {
    throw new ConfigError(source, ['expected a mapping (model_list, litellm_settings, general_settings, ...) at the top level']);
  }
  applyEnvironmentVariables(document, source, env);
  const warnings = findUnsetEnvReferences(document, env);
  const parsed = configSchema.safeParse(resolveEnvReferences(document, env));
  if (!parsed.success) throw new ConfigError(source, parsed.error.issues.map(describeIssue));
  const config: GatewayConfig = parsed.data;
  const envKey = env['LLMUX_MASTER_KEY'] ?? env['LITELLM_MASTER_KEY'];
  if (config.general_settings.master_key === undefined && envKey !== undefined && envKey !== '') {
    config.general_settings.master_key = envKey;
  }
  return { config, warnings };
}

/** LiteLLM sets `environment_variables` before reading the rest, so references can use them. */
function applyEnvironmentVariables(document: object, source: string, env: NodeJS.ProcessEnv): void {
  const parsed = configSchema.shape.environment_variables.safeParse((document as Record<string, unknown>)['environment_variables']);
  if (!parsed.success) throw new ConfigError(source, parsed.error.issues.map((issue) => describeIssue({ ...issue, path: ['environment_variables', ...issue.path] })));
  for (const [name, value] of Object.entries(parsed.data)) env[name] = value;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  return `${formatConfigPath(issue.path)}: ${issue.message}`;
}
