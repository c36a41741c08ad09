// The anthropic-beta flags Bedrock's InvokeModel accepts for Claude: AWS's Claude parameters
// page, and the flags LiteLLM's provider table (anthropic_beta_headers_config.json) lets
// through to Bedrock. Bedrock refuses a whole call naming any other (see
// native/filter-anthropic-betas.ts), so a flag missing here is dropped with a warning.

export const BEDROCK_ANTHROPIC_BETAS: ReadonlySet<string> = new Set([
  'computer-use-2024-10-22',
  'computer-use-2025-01-24',
  'computer-use-2025-11-24',
  'token-efficient-tools-2025-02-19',
  'interleaved-thinking-2025-05-14',
  'output-128k-2025-02-19',
  'dev-full-thinking-2025-05-14',
  'fine-grained-tool-streaming-2025-05-14',
  'context-1m-2025-08-07',
  'context-management-2025-06-27',
  'effort-2025-11-24',
  'tool-search-tool-2025-10-19',
  'tool-examples-2025-10-29',
  'compact-2026-01-12',
]);
