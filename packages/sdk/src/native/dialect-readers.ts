// What llmux reads from a passthrough reply in each dialect: usage from a JSON body, and a
// watcher for its stream. A dialect without a reader cannot be passed through yet.

import type { Usage } from '../spec/index.js';
import { createAnthropicStreamWatcher } from './create-anthropic-stream-watcher.js';
import type { Dialect } from './dialect.js';
import type { NativeStreamWatcher, NativeWatcherContext } from './native-stream.js';
import { createOpenAIChatStreamWatcher } from './create-openai-chat-stream-watcher.js';
import { parseOpenAIChatUsage } from './parse-openai-chat-usage.js';
import { parseAnthropicReplyUsage } from './parse-anthropic-reply-usage.js';
import { createOpenAIResponsesStreamWatcher } from './create-openai-responses-stream-watcher.js';
import { parseOpenAIResponsesUsage } from './parse-openai-responses-usage.js';

export interface DialectReader {
  /** Usage in a JSON reply's bytes. */
  readJsonUsage(body: Buffer): Usage | undefined;
  createStreamWatcher(context: NativeWatcherContext): NativeStreamWatcher;
}

const ANTHROPIC_MESSAGES: DialectReader = {
  readJsonUsage: parseAnthropicReplyUsage,
  createStreamWatcher: createAnthropicStreamWatcher,
};

const OPENAI_CHAT: DialectReader = {
  readJsonUsage: parseOpenAIChatUsage,
  createStreamWatcher: createOpenAIChatStreamWatcher,
};

const OPENAI_RESPONSES: DialectReader = {
  readJsonUsage: parseOpenAIResponsesUsage,
  createStreamWatcher: createOpenAIResponsesStreamWatcher,
};

export const DIALECT_READERS: Readonly<Record<Dialect, DialectReader | undefined>> = {
  'anthropic-messages': ANTHROPIC_MESSAGES,
  'openai-chat': OPENAI_CHAT,
  'openai-responses': OPENAI_RESPONSES,
};
