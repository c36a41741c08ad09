// What a fake upstream answers to one chat request, in provider-neutral terms. Each fake
// renders it in its own provider's wire format (JSON body or stream events).

export interface FakeToolCall {
  /** Defaults to a provider-style generated id. */
  id?: string;
  name: string;
  /** JSON text of the arguments. */
  arguments: string;
}

export interface FakeChatReply {
  /** Assistant text; streamed in several chunks. */
  content?: string;
  toolCalls?: FakeToolCall[];
  /** Reasoning / thinking text, where the provider has a field for it. */
  reasoning?: string;
  /** Reasoning the provider hides: sent encrypted after `reasoning`, where the provider has a block for it (Claude's redacted_thinking). */
  redactedReasoning?: string;
  /** Provider-neutral finish: mapped to the provider's own stop reason. */
  finish?: 'stop' | 'length' | 'tool_calls' | 'content_filter';
  /**
   * The reply ended on this one of the request's stop sequences (not part of `content`, as the
   * providers cut it). Claude says so with `stop_reason: "stop_sequence"`; others just say "stop".
   */
  stopSequence?: string;
  usage?: { promptTokens: number; completionTokens: number; cachedTokens?: number; cacheWriteTokens?: number };
  /** OpenAI-format replies only: per-token log probabilities, sent as `choices[0].logprobs.content` (not streamed). */
  logprobs?: Array<{ token: string; logprob: number; top_logprobs?: Array<{ token: string; logprob: number }> }>;
  /** Answer with this HTTP error instead of a reply. */
  error?: { status: number; body: unknown; headers?: Record<string, string> };
  /** Streams only: after this many content chunks, send the provider's mid-stream error. */
  failAfterChunks?: number;
  /** Streams only: after this many content chunks, drop the connection without a word. */
  dropAfterChunks?: number;
}
