// LiteLLM silently turns an unset `os.environ/NAME` into None, which surfaces much later as
// an upstream 401, or as a gateway without authentication. We resolve the same way but find
// every unset reference at startup, with its path, for the caller to refuse or warn about.

const PREFIX = 'os.environ/';

export interface UnsetEnvReference {
  path: PropertyKey[];
  name: string;
}

export function findUnsetEnvReferences(value: unknown, env: NodeJS.ProcessEnv, path: PropertyKey[] = []): UnsetEnvReference[] {
  if (typeof value === 'string') {
    if (!value.startsWith(PREFIX)) return [];
    const name = value.slice(PREFIX.length);
    return env[name] === undefined ? [{ path, name }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item: unknown, index) => findUnsetEnvReferences(item, env, [...path, index]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => findUnsetEnvReferences(item, env, [...path, key]));
  }
  return [];
}
