// Builds the SDK call from an allow-list of OpenAI body fields, so nothing a client sends
// can reach deployment settings (api_key, api_base, extra_headers, ...). Nulls are dropped:
// in OpenAI's API a null parameter means "use the default", the same as leaving it out.

export function pickFields(body: Readonly<Record<string, unknown>>, names: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const name of names) {
    const value = body[name];
    if (value !== undefined && value !== null) picked[name] = value;
  }
  return picked;
}
