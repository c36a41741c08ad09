// Secrets as `llmux --check` shows them: enough to tell two keys apart, never the key.

export function maskKey(value: string): string {
  return value.length >= 16 ? `****${value.slice(-4)}` : '****';
}

/** `postgres://user:pass@host/db` → `postgres://user:****@host/db`; other text unchanged. */
export function maskUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password !== '') url.password = '****';
    for (const key of [...url.searchParams.keys()]) if (/key|token|secret|password/i.test(key)) url.searchParams.set(key, '****');
    return url.toString();
  } catch {
    return maskKey(value);
  }
}
