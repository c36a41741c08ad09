// Canonical chat messages: OpenAI Chat Completions message types, the lingua franca every
// provider converts to and from at its own edge.

import type { ThinkingBlock } from './thinking-block.js';

/**
 * Anthropic's prompt-caching marker, as LiteLLM accepts it on OpenAI-format messages and
 * content parts. Providers with prompt caching (Anthropic, Claude on Bedrock and Vertex) turn
 * it into their own breakpoint; OpenAI-format providers receive it as sent.
 */
export interface CacheControl {
  type: 'ephemeral';
  /** Anthropic's extended cache lifetime, `"5m"` or `"1h"`. */
  ttl?: string;
}

export interface TextContentPart {
  type: 'text';
  text: string;
  cache_control?: CacheControl;
}

export interface ImageContentPart {
  type: 'image_url';
  image_url: {
    /** An https URL or a `data:<media-type>;base64,<data>` URL. */
    url: string;
    detail?: 'auto' | 'low' | 'high';
    /** LiteLLM's extension: the media type when the URL does not reveal it. */
    format?: string;
  };
  cache_control?: CacheControl;
}

/** OpenAI's file part: a document (PDF) inline as a data URL, or a file id. */
export interface FileContentPart {
  type: 'file';
  file: {
    /** `data:<media-type>;base64,<data>`, as OpenAI's clients send it. */
    file_data?: string;
    /** A file id from `/v1/files`, or (LiteLLM) an https or gs:// URL. */
    file_id?: string;
    filename?: string;
    /** LiteLLM's extension: the media type, when file_data or file_id does not reveal it. */
    format?: string;
  };
  cache_control?: CacheControl;
}

/** OpenAI's audio input part: base64 audio and its container format. */
export interface InputAudioContentPart {
  type: 'input_audio';
  input_audio: {
    data: string;
    format: 'wav' | 'mp3' | (string & {});
  };
}

export type ContentPart = TextContentPart | ImageContentPart | FileContentPart | InputAudioContentPart;

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
  /** LiteLLM's form: a breakpoint on the whole message (its last block). */
  cache_control?: CacheControl;
}

export interface UserMessage {
  role: 'user';
  content: string | ContentPart[];
  name?: string;
  cache_control?: CacheControl;
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
  cache_control?: CacheControl;
}

export interface ToolMessage {
  role: 'tool';
  content: string | TextContentPart[];
  tool_call_id: string;
  cache_control?: CacheControl;
}

export type ChatMessage = SystemMessage | UserMessage | AssistantMessage | ToolMessage;
