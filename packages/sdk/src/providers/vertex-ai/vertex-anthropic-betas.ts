// The anthropic-beta flags Claude on Vertex AI accepts, after LiteLLM's provider table
// (anthropic_beta_headers_config.json). Vertex refuses a whole call naming any other ("invalid
// beta flag", see native/filter-anthropic-betas.ts), so a flag missing here is dropped with a
// warning.

export const VERTEX_ANTHROPIC_BETAS: ReadonlySet<string> = new Set([
  'computer-use-2025-01-24',
  'computer-use-2025-11-24',
  'interleaved-thinking-2025-05-14',
  'context-1m-2025-08-07',
  'context-management-2025-06-27',
  'tool-search-tool-2025-10-19',
  'web-search-2025-03-05',
  'compact-2026-01-12',
]);
