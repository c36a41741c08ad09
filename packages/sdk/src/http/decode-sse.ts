// Server-sent events decoding, once for every provider: bytes in, `{event, data}` out.

import { createParser, type EventSourceMessage } from 'eventsource-parser';

export interface SseEvent {
  event: string | undefined;
  data: string;
}

export async function* decodeSse(body: AsyncIterable<Uint8Array | string>): AsyncGenerator<SseEvent> {
  let pending: SseEvent[] = [];
  const parser = createParser({
    onEvent(message: EventSourceMessage) {
      pending.push({ event: message.event, data: message.data });
    },
  });
  const decoder = new TextDecoder();
  for await (const chunk of body) {
    parser.feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (pending.length > 0) {
      const ready = pending;
      pending = [];
      yield* ready;
    }
  }
  parser.feed(decoder.decode());
  // A final event the upstream did not terminate with a blank line still counts.
  parser.feed('\n\n');
  yield* pending;
}
