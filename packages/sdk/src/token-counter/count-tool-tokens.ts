// A rough count of tool definitions. OpenAI renders tools into the prompt in an
// unpublished TypeScript-like form; the JSON of each schema is somewhat longer than that
// rendering, so this errs high, the safe side for context-window and TPM checks.

import type { FunctionTool } from '../spec/chat-tool.js';
import type { CountTextTokens } from './load-encoding.js';

/** The namespace wrapper around all tools, and each tool's declaration framing. */
const TOOLS_OVERHEAD_TOKENS = 12;
const TOKENS_PER_TOOL = 8;

export function countToolTokens(tools: readonly FunctionTool[], count: CountTextTokens): number {
  if (tools.length === 0) return 0;
  let tokens = TOOLS_OVERHEAD_TOKENS;
  for (const tool of tools) {
    const definition = tool.function;
    tokens += TOKENS_PER_TOOL + count(definition.name);
    if (definition.description !== undefined) tokens += count(definition.description);
    if (definition.parameters !== undefined) tokens += count(JSON.stringify(definition.parameters));
  }
  return tokens;
}
