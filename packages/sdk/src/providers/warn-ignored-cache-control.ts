// `cache_control` is Anthropic's prompt-caching marker, which LiteLLM's users put on messages
// and parts whatever the model. A provider without explicit breakpoints has nothing to send it
// as; rather than lose it silently, it says so once per call. It is not refused: the marker is a
// cost hint that never changes the answer, and refusing it would fail a prompt written for
// Claude when the Router falls back to another provider.

import type { ChatMessage } from '../spec/index.js';

export function warnIgnoredCacheControl(messages: readonly ChatMessage[], provider: string, reason: string, warnings: string[]): void {
  if (messages.some(hasCacheControl)) warnings.push(`cache_control ignored: ${provider} ${reason}`);
}

function hasCacheControl(message: ChatMessage): boolean {
  if (message.cache_control !== undefined) return true;
  const content = message.content;
  if (content === null || content === undefined || typeof content === 'string') return false;
  return content.some((part) => 'cache_control' in part && part.cache_control !== undefined);
}
