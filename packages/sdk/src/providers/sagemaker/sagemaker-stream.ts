// InvokeEndpointWithResponseStream → canonical chunks. Each `PayloadPart` carries raw bytes
// the container wrote, cut wherever the container flushed, so the parts are concatenated
// back into the container's own stream: OpenAI server-sent events (TGI, vLLM) or JSON lines
// of chunks (LMI), told apart by the first byte. The OpenAI stream converter then reads it,
// so truncation and error events are handled exactly as for OpenAI.

import { decodeNdjson } from '../../http/decode-ndjson.js';
import type { ChatCompletionChunk } from '../../spec/index.js';
import type { AwsEvent } from '../aws/read-aws-events.js';
import { convertOpenAIStream, type OpenAIStreamOptions } from '../openai/openai-stream.js';

const OPEN_BRACE = 0x7b;

export function convertSageMakerStream(events: AsyncIterable<AwsEvent>, options: OpenAIStreamOptions): AsyncGenerator<ChatCompletionChunk> {
  return convertOpenAIStream(asSse(payloadBytes(events)), options);
}

/** The container's own bytes, PayloadPart after PayloadPart. */
export async function* payloadBytes(events: AsyncIterable<AwsEvent>): AsyncGenerator<Uint8Array> {
  for await (const event of events) if (event.type === 'PayloadPart') yield event.payload;
}

/** The container's bytes as SSE: passed through, or JSON lines framed as `data:` events. */
async function* asSse(bytes: AsyncGenerator<Uint8Array>): AsyncGenerator<Uint8Array | string> {
  const head: Uint8Array[] = [];
  let first: number | undefined;
  try {
    while (first === undefined) {
      const next = await bytes.next();
      if (next.done === true) break;
      head.push(next.value);
      first = next.value.find((byte) => byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09);
    }
    const all = concatenate(head, bytes);
    if (first !== OPEN_BRACE) {
      yield* all;
      return;
    }
    for await (const line of decodeNdjson(all)) yield `data: ${line}\n\n`;
  } finally {
    // A reader that stops early releases the upstream connection through the chain.
    await bytes.return(undefined);
  }
}

async function* concatenate(head: Uint8Array[], rest: AsyncGenerator<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield* head;
  for (;;) {
    const next = await rest.next();
    if (next.done === true) return;
    yield next.value;
  }
}
