// Turns a parsed config document into a GatewayConfig: applies `environment_variables`,
// resolves `os.environ/NAME` references anywhere, validates, and fills the master key from
// the environment. Strict mode (every config the CLI starts from) also refuses unknown
// fields, unimplemented security settings, unknown providers, unset gateway secrets and a
// weak master key, all reported at once. Returns warnings for the caller to log.

import { getDefaultProviderRegistry, resolveEnvReferences, type ProviderRegistry } from 'llmux';
import type { z } from 'zod';
import { checkConfigFields } from './check-config-fields.js';
import { checkDeploymentModels } from './check-deployment-models.js';
import { checkMasterKey } from './check-master-key.js';
import { checkProviderBudgets } from './check-provider-budgets.js';
import { classifyUnsetReferences } from './classify-unset-references.js';
import { ConfigError, formatConfigPath } from './config-error.js';
import { configSchema } from './config-schema.js';
import { findMissingCredentials } from './find-missing-credentials.js';
import { findUnpricedDeployments } from './find-unpriced-deployments.js';
import { findUnsetEnvReferences } from './find-unset-env-references.js';
import type { GatewayConfig } from './gateway-config.js';

export interface ParsedConfig {
  config: GatewayConfig;
  warnings: string[];
}

export interface ParseConfigOptions {
  /** Refuse what the gateway cannot honour (the CLI's mode); off for configs built in code. */
  strict?: boolean;
  /** Strict mode: let unimplemented security settings through with a warning. */
  allowUnsupported?: boolean;
  /** Provider ids for the model check (default: the SDK's built-in providers). */
  registry?: ProviderRegistry;
}

export function parseConfig(document: unknown, source: string, env: NodeJS.ProcessEnv = process.env, options: ParseConfigOptions = {}): ParsedConfig {
  if (document === null || document === undefined) throw new ConfigError(source, ['the file is empty; expected a mapping with model_list']);
  if (typeof document !== 'object' || Array.isArray(document)) {
    throw new ConfigError(source, ['expected a mapping (model_list, litellm_settings, general_settings, ...) at the top level']);
  }
  applyEnvironmentVariables(document, source, env);
  const problems: string[] = [];
  const warnings: string[] = [];
  const references = classifyUnsetReferences(findUnsetEnvReferences(document, env), document);
  warnings.push(...references.warnings);
  if (options.strict === true) {
    const fields = checkConfigFields(document);
    problems.push(...fields.unknown, ...references.fatal);
    if (options.allowUnsupported === true) fields.unsupported.push(...fields.security);
    else
      problems.push(...fields.security.map((path) => `${path}: a security setting llmux does not implement yet; remove it, or start with --allow-unsupported to run without it`));
    if (fields.unsupported.length > 0) warnings.unshift(`LiteLLM settings llmux does not implement yet, ignored: ${fields.unsupported.join(', ')}`);
  } else warnings.push(...references.fatal);
  const resolved = resolveEnvReferences(document, env);
  const registry = options.registry ?? getDefaultProviderRegistry();
  if (options.strict === true) problems.push(...checkDeploymentModels((resolved as Record<string, unknown>)['model_list'], registry));
  problems.push(...checkProviderBudgets((resolved as Record<string, unknown>)['router_settings'], registry));
  const parsed = configSchema.safeParse(resolved);
  if (!parsed.success) throw new ConfigError(source, [...problems, ...parsed.error.issues.map(describeIssue)]);
  const config: GatewayConfig = parsed.data;
  const fromFile = config.general_settings.master_key !== undefined;
  const envName = env['LLMUX_MASTER_KEY'] !== undefined ? 'LLMUX_MASTER_KEY' : 'LITELLM_MASTER_KEY';
  const envKey = env[envName];
  if (!fromFile && envKey !== undefined && envKey !== '') config.general_settings.master_key = envKey;
  if (options.strict === true) {
    const keyProblem = checkMasterKey(config.general_settings.master_key, fromFile ? 'general_settings.master_key' : envName);
    if (keyProblem !== undefined) problems.push(keyProblem);
    warnings.push(...findMissingCredentials(config.model_list, registry, env, references.unsetCredentials));
    warnings.push(...findUnpricedDeployments(config.model_list, config.litellm_settings.reject_unpriced === true));
  }
  if (problems.length > 0) throw new ConfigError(source, problems);
  return { config, warnings };
}

/** LiteLLM sets `environment_variables` before reading the rest, so references can use them. */
function applyEnvironmentVariables(document: object, source: string, env: NodeJS.ProcessEnv): void {
  const parsed = configSchema.shape.environment_variables.safeParse((document as Record<string, unknown>)['environment_variables']);
  if (!parsed.success)
    throw new ConfigError(
      source,
      parsed.error.issues.map((issue) => describeIssue({ ...issue, path: ['environment_variables', ...issue.path] })),
    );
  for (const [name, value] of Object.entries(parsed.data)) env[name] = value;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  return `${formatConfigPath(issue.path)}: ${issue.message}`;
}
