// InvokeModelWithResponseStream `chunk` events → the model's own events. Each chunk's
// payload is `{"bytes":"<base64>","p":"<padding>"}`, the bytes being one event of the
// model's native stream (for Claude, one Messages API event as JSON), handed on in the
// `{event, data}` form the Anthropic stream converter reads.

import { BadGatewayError } from '../../errors/error-classes.js';
import type { SseEvent } from '../../http/decode-sse.js';
import { decodeAwsEventJson, type AwsEvent } from '../aws/read-aws-events.js';
import { bedrockInvokeChunkSchema } from './bedrock-api.js';

export async function* convertBedrockInvokeChunks(events: AsyncIterable<AwsEvent>, options: { provider: string; model: string }): AsyncGenerator<SseEvent> {
  for await (const event of events) {
    if (event.type !== 'chunk') continue;
    const parsed = bedrockInvokeChunkSchema.safeParse(decodeAwsEventJson(event));
    if (!parsed.success) throw new BadGatewayError(`${options.provider} sent a malformed chunk event`, options);
    // The event's type is inside its JSON, where the Anthropic converter reads it.
    yield { event: undefined, data: Buffer.from(parsed.data.bytes, 'base64').toString('utf8') };
  }
}
