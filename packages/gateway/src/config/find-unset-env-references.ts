// LiteLLM silently turns an unset `os.environ/NAME` into None, which surfaces much later as
// an upstream 401. We resolve the same way but name every unset reference at startup.

import { formatConfigPath } from './config-error.js';

const PREFIX = 'os.environ/';

export function findUnsetEnvReferences(value: unknown, env: NodeJS.ProcessEnv, path: PropertyKey[] = []): string[] {
  if (typeof value === 'string') {
    if (!value.startsWith(PREFIX)) return [];
    const name = value.slice(PREFIX.length);
    return env[name] === undefined ? [`${formatConfigPath(path)}: environment variable ${name} is not set`] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item: unknown, index) => findUnsetEnvReferences(item, env, [...path, index]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => findUnsetEnvReferences(item, env, [...path, key]));
  }
  return [];
}
