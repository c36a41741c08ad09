// OpenAI's Responses wire format at /v1/responses: errors in OpenAI's `{"error":{…}}` shape
// (the same statuses as chat), and a stream that breaks after it began ends with a
// `response.failed` event carrying the error, as OpenAI ends its own failed responses.

import { encodeResponsesFailedEvent } from 'llmux';
import { recordError, sendError } from '../../http/send-error.js';
import type { Dialect } from '../dialect.js';

export const openAIResponsesDialect: Dialect = {
  id: 'openai-responses',
  pathPrefixes: ['/v1/responses', '/responses'],
  writeError: sendError,
  // Where the events before came from the upstream (passthrough); a bridged stream ends
  // through its own encoder, which knows the response id and the next sequence number.
  streamError: (context, error) => encodeResponsesFailedEvent(recordError(context, error), { model: context.call.modelGroup ?? '' }, 0),
};
