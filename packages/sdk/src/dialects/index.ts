// Client dialects: the wire formats clients speak to the gateway, converted to and from the
// canonical (OpenAI chat) form for providers that speak another one.

export * from './anthropic-messages/index.js';
export * from './openai-responses/index.js';
