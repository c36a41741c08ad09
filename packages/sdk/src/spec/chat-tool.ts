// Canonical tool definitions and tool choice, as in OpenAI Chat Completions.

export type JsonSchema = Record<string, unknown>;

export interface FunctionTool {
  type: 'function';
  function: {
    name: string;
    description?: string;
    parameters?: JsonSchema;
    strict?: boolean | null;
  };
}

export type ToolChoice = 'none' | 'auto' | 'required' | { type: 'function'; function: { name: string } };
