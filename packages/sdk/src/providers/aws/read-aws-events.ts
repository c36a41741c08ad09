// The events of an AWS event-stream response, with the service's exception frames thrown
// as typed errors, transport failures as connection errors, and the connection freed as
// soon as the reader stops early.

import { isLlmuxError } from '../../errors/to-openai-error-body.js';
import { awsEventHeader, decodeAwsEventStream } from '../../http/decode-aws-event-stream.js';
import { toConnectionError, type HttpResponse } from '../../http/http-client.js';
import { createAwsStreamError, type AwsErrorContext, type AwsErrorTable } from './aws-error.js';

export interface AwsEvent {
  /** `:event-type`: `contentBlockDelta`, `chunk`, `PayloadPart`, ... */
  type: string;
  payload: Uint8Array;
}

export interface ReadAwsEventsOptions extends AwsErrorContext {
  errors: AwsErrorTable;
  signal?: AbortSignal | undefined;
}

const textDecoder = new TextDecoder();

export async function* readAwsEvents(response: HttpResponse, options: ReadAwsEventsOptions): AsyncGenerator<AwsEvent> {
  let finished = false;
  try {
    for await (const message of decodeAwsEventStream(response.body, options)) {
      const messageType = awsEventHeader(message, ':message-type');
      if (messageType === 'exception') {
        throw createAwsStreamError(awsEventHeader(message, ':exception-type'), textDecoder.decode(message.payload), options.errors, options);
      }
      if (messageType === 'error') {
        const text = awsEventHeader(message, ':error-message') ?? '';
        throw createAwsStreamError(awsEventHeader(message, ':error-code'), JSON.stringify({ message: text }), options.errors, options);
      }
      const type = awsEventHeader(message, ':event-type');
      // Events without a type (and other message types) carry nothing a reader could map.
      if (messageType === 'event' && type !== undefined) yield { type, payload: message.payload };
    }
    finished = true;
  } catch (error) {
    throw isLlmuxError(error) ? error : toConnectionError(error, options);
  } finally {
    if (!finished) response.body.destroy();
  }
}

export function decodeAwsEventJson(event: AwsEvent): unknown {
  try {
    return JSON.parse(textDecoder.decode(event.payload));
  } catch {
    return undefined;
  }
}
