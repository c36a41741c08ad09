// Canonical chat messages: OpenAI Chat Completions message types, the lingua franca every
// provider converts to and from at its own edge.

import type { ThinkingBlock } from './thinking-block.js';

export interface TextContentPart {
  type: 'text';
  text: string;
}

export interface ImageContentPart {
  type: 'image_url';
  image_url: {
    /** An https URL or a `data:<media-type>;base64,<data>` URL. */
    url: string;
    detail?: 'auto' | 'low' | 'high';
  };
}

export type ContentPart = TextContentPart | ImageContentPart;

export interface ToolCall {
  id: string;
  type: 'function';
  function: {
    name: string;
    /** JSON-encoded arguments, as OpenAI sends them. */
    arguments: string;
  };
}

export interface SystemMessage {
  role: 'system' | 'developer';
  content: string | TextContentPart[];
  name?: string;
}

export interface UserMessage {
  role: 'user';
  content: string | ContentPart[];
  name?: string;
}

export interface AssistantMessage {
  role: 'assistant';
  content?: string | TextContentPart[] | null;
  name?: string;
  tool_calls?: ToolCall[];
  refusal?: string | null;
  /** llmux extension: the model's reasoning text, where the provider exposes it. */
  reasoning_content?: string | null;
  /**
   * LiteLLM's extension: the signed reasoning blocks of a reply, to send back as they came
   * (Claude requires them to continue a tool loop while thinking). Sent first in the turn.
   */
  thinking_blocks?: ThinkingBlock[] | null;
}

export interface ToolMessage {
  role: 'tool';
  content: string | TextContentPart[];
  tool_call_id: string;
}

export type ChatMessage = SystemMessage | UserMessage | AssistantMessage | ToolMessage;
