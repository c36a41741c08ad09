export * from './start-fake-server.js';
export * from './fake-chat-reply.js';
export * from './fake-openai-upstream.js';
export * from './fake-anthropic-upstream.js';
