// Test helper: the official `openai` client pointed at a local server that answers with one
// fixed reply (a JSON body or an SSE body), to read what the dialect's converters wrote.

import OpenAI from 'openai';
import { withFixedReply, type Reply } from '../../__fixtures__/serve-fixed-reply.js';

export async function withOpenAIClient<T>(reply: Reply, use: (client: OpenAI) => Promise<T>): Promise<T> {
  return withFixedReply(reply, (baseURL) => use(new OpenAI({ baseURL: `${baseURL}/v1`, apiKey: 'test-key', maxRetries: 0 })));
}

export const sse = (body: string): Reply => ({ status: 200, contentType: 'text/event-stream', body });
export const json = (status: number, body: unknown): Reply => ({ status, contentType: 'application/json', body: JSON.stringify(body) });
