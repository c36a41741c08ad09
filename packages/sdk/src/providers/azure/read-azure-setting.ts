// Reads one Azure setting: the call's own value first, then the environment variables in
// order. Empty strings count as unset, as an unset `os.environ/` reference yields one.

export function firstSetting(value: unknown, envNames: readonly string[]): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  for (const name of envNames) {
    const fromEnv = process.env[name];
    if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  }
  return undefined;
}
