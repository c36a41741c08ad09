// Streams a fake chat reply as server-sent events, with the reply's injected failures:
// `failAfterChunks` ends the 200 with the provider's own failure event, `dropAfterChunks`
// resets the connection mid-stream. Only the failure event differs between providers.

import type { ServerResponse } from 'node:http';
import type { FakeChatReply } from './fake-chat-reply.js';
import { cutIndex } from './fake-cut-index.js';
import { sendSse } from './start-fake-server.js';

export interface FakeSseEvent {
  frame: string;
  /** Counts toward failAfterChunks / dropAfterChunks. */
  content: boolean;
}

export async function sendFakeSseReply(
  response: ServerResponse,
  events: FakeSseEvent[],
  reply: FakeChatReply,
  /** The provider's frame for a generation that fails after the 200; built only when used. */
  failureFrame: () => string,
  headers: Record<string, string> = {},
): Promise<void> {
  const cutAt = reply.dropAfterChunks ?? reply.failAfterChunks;
  const cut = cutAt === undefined ? -1 : cutIndex(events, cutAt);
  if (cut === -1)
    return sendSse(
      response,
      events.map((event) => event.frame),
      headers,
    );
  const sent = events.slice(0, cut).map((event) => event.frame);
  if (reply.dropAfterChunks === undefined) return sendSse(response, [...sent, failureFrame()], headers);
  // The connection dies mid-stream without a closing chunk, as when a proxy resets it.
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...headers });
  for (const frame of sent) {
    response.write(frame);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  response.destroy();
}
