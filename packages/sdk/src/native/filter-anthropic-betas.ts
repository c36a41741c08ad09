// anthropic-beta flags for platforms that serve Claude but refuse a whole call for one flag
// they do not know ("invalid beta flag"): Bedrock and Vertex AI. Claude Code sends
// Anthropic-only flags (oauth, MCP servers, prompt-caching scope) with every request, so the
// platform's accepted flags pass and the others are named in a warning the caller sees.

/** The comma-separated header's flags after `listed` (a body's own list), without repeats. */
export function collectAnthropicBetas(header: string | undefined, listed: readonly string[] = []): string[] {
  const betas = [...listed];
  for (const beta of (header ?? '').split(',')) {
    const name = beta.trim();
    if (name !== '' && !betas.includes(name)) betas.push(name);
  }
  return betas;
}

export function filterAnthropicBetas(betas: readonly string[], accepted: ReadonlySet<string>, platform: string, warnings: string[]): string[] {
  const kept = betas.filter((beta) => accepted.has(beta));
  if (kept.length < betas.length) {
    const dropped = betas.filter((beta) => !accepted.has(beta));
    warnings.push(`anthropic-beta: ${dropped.join(', ')} dropped; ${platform} refuses calls with flags it does not accept`);
  }
  return kept;
}
