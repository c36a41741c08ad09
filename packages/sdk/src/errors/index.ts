export { LlmuxError, type LlmuxErrorOptions } from './llmux-error.js';
export * from './error-classes.js';
export { createErrorFromStatus, type ParsedUpstreamError } from './create-error-from-status.js';
export { toOpenAIErrorBody, isLlmuxError, type OpenAIErrorBody } from './to-openai-error-body.js';
export { UpstreamCredentialError, toUpstreamCredentialError, type UpstreamCredentialErrorOptions } from './upstream-credential-error.js';
