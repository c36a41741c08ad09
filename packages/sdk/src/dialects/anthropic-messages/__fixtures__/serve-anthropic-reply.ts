// Test helper: the official @anthropic-ai/sdk pointed at a local server that answers with one
// fixed reply (an SSE body or an error), to read what the dialect's encoders wrote.

import Anthropic from '@anthropic-ai/sdk';
import { withFixedReply, type Reply } from '../../__fixtures__/serve-fixed-reply.js';

export type { Reply };

/** Starts the server, hands a client pointed at it to `use`, and closes the server after. */
export async function withAnthropicClient<T>(reply: Reply, use: (client: Anthropic) => Promise<T>): Promise<T> {
  return withFixedReply(reply, (baseURL) => use(new Anthropic({ baseURL, apiKey: 'test-key', maxRetries: 0 })));
}

export const sse = (body: string): Reply => ({ status: 200, contentType: 'text/event-stream', body });

export const STREAM_PARAMS = { model: 'claude-alias', max_tokens: 256, messages: [{ role: 'user' as const, content: 'Hi' }] };

export const json = (status: number, body: unknown): Reply => ({ status, contentType: 'application/json', body: typeof body === 'string' ? body : JSON.stringify(body) });
