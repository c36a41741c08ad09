// Signed reasoning blocks (Anthropic extended thinking, also on Bedrock and Vertex), in
// LiteLLM's `thinking_blocks` shape. reasoning_content is for reading; these are for
// sending back: Claude continues a tool loop only when it gets them again, unchanged.

export interface ThinkingTextBlock {
  type: 'thinking';
  thinking: string;
  /** Opaque proof that the text is Claude's own; it must come back byte for byte. */
  signature: string;
}

/** Reasoning the provider's safety systems encrypted; `data` is opaque. */
export interface RedactedThinkingBlock {
  type: 'redacted_thinking';
  data: string;
}

export type ThinkingBlock = ThinkingTextBlock | RedactedThinkingBlock;

/**
 * A fragment of one thinking block in a stream delta. `index` is the block's position in
 * the message's `thinking_blocks` (0-based over thinking blocks only, as tool_calls' index
 * is over tool calls). To rebuild the blocks, take the first fragment with an index as
 * `blocks[index]` and append each later fragment's string fields (`thinking`, `signature`,
 * `data`) to it, then drop `index`: the result equals the non-streamed `thinking_blocks`.
 * Thinking fragments always carry both strings, the one not streaming at that moment
 * empty (the text comes first, the signature once the block ends); a redacted block
 * usually arrives whole in one fragment.
 */
export type ThinkingBlockDelta = ThinkingBlock & { index: number };
