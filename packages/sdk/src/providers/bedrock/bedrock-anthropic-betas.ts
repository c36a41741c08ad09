// The anthropic-beta flags Bedrock's InvokeModel accepts for Claude (AWS's Claude parameters
// page). Bedrock refuses a whole call for one flag it does not know ("invalid beta flag"),
// and Claude Code sends several Anthropic-only ones with every request (oauth, MCP servers,
// prompt-caching scope), so the others are dropped with a warning the caller can see.

export const BEDROCK_ANTHROPIC_BETAS: ReadonlySet<string> = new Set([
  'computer-use-2024-10-22',
  'computer-use-2025-01-24',
  'token-efficient-tools-2025-02-19',
  'interleaved-thinking-2025-05-14',
  'output-128k-2025-02-19',
  'dev-full-thinking-2025-05-14',
  'context-1m-2025-08-07',
  'context-management-2025-06-27',
  'effort-2025-11-24',
  'tool-search-tool-2025-10-19',
  'tool-examples-2025-10-29',
]);
