// Canonical tool definitions and tool choice, as in OpenAI Chat Completions.

import type { CacheControl } from './chat-message.js';

export type JsonSchema = Record<string, unknown>;

export interface FunctionTool {
  type: 'function';
  function: {
    name: string;
    description?: string;
    parameters?: JsonSchema;
    strict?: boolean | null;
  };
  /** LiteLLM's prompt-caching breakpoint after this tool's definition (Claude). */
  cache_control?: CacheControl;
}

export type ToolChoice = 'none' | 'auto' | 'required' | { type: 'function'; function: { name: string } };
