// LiteLLM config values of the form `os.environ/NAME` read the environment variable NAME.

const PREFIX = 'os.environ/';

export function resolveEnvReference(value: unknown, env: NodeJS.ProcessEnv = process.env): unknown {
  if (typeof value !== 'string' || !value.startsWith(PREFIX)) return value;
  return env[value.slice(PREFIX.length)];
}

/** Resolves every `os.environ/NAME` string in a plain object tree (arrays included). */
export function resolveEnvReferences<T>(value: T, env: NodeJS.ProcessEnv = process.env): T {
  if (typeof value === 'string') return resolveEnvReference(value, env) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => resolveEnvReferences(item, env)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = resolveEnvReferences(item, env);
    return out as T;
  }
  return value;
}
