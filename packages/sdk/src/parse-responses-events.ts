// Responses SSE text or bytes → the event objects, in order, for `responses()` streams: the
// upstream's bytes on a passthrough, the dialect encoder's frames on a bridged call.

import { StringDecoder } from 'node:string_decoder';
import { createParser } from 'eventsource-parser';

/** One Responses stream event (`type`, `sequence_number` and the event's own fields). */
export interface ResponsesStreamEvent {
  type: string;
  sequence_number: number;
  [field: string]: unknown;
}

export async function* parseResponsesEvents(source: AsyncIterable<Buffer | string>): AsyncGenerator<ResponsesStreamEvent> {
  const decoder = new StringDecoder('utf8');
  const ready: ResponsesStreamEvent[] = [];
  const parser = createParser({ onEvent: (message) => ready.push(JSON.parse(message.data) as ResponsesStreamEvent) });
  for await (const piece of source) {
    parser.feed(typeof piece === 'string' ? piece : decoder.write(piece));
    while (ready.length > 0) yield ready.shift() as ResponsesStreamEvent;
  }
  parser.feed(`${decoder.end()}\n\n`);
  while (ready.length > 0) yield ready.shift() as ResponsesStreamEvent;
}
