// Header values must be visible ASCII; model names and warnings come from config and
// providers, so anything else is replaced rather than letting writeHead throw.

const UNSAFE = /[^\x20-\x7e]+/g;
const MAX_LENGTH = 2048;

export function headerSafe(value: string): string {
  const safe = value.replace(UNSAFE, ' ');
  return safe.length > MAX_LENGTH ? `${safe.slice(0, MAX_LENGTH - 3)}...` : safe;
}
