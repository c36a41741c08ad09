// The wire formats a client can speak to llmux. A provider adapter declares (through its
// `native` member) which of them it speaks itself; a call in a shared dialect is passed
// through with only `model` and the provider's envelope changed.

/**
 * - `openai-chat`: OpenAI's `/v1/chat/completions` body and its `data:` SSE stream.
 * - `anthropic-messages`: Anthropic's `/v1/messages` body and its `event:`/`data:` SSE stream.
 * - `openai-responses`: OpenAI's `/v1/responses` body and its typed SSE events.
 */
export type Dialect = 'openai-chat' | 'anthropic-messages' | 'openai-responses';
