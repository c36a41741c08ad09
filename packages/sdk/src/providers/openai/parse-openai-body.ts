// Reads a 2xx JSON body from an OpenAI-format upstream. An error report inside a 200 (some
// proxies do this) becomes the typed error; a body of the wrong shape is a 502.

import type { z } from 'zod';
import { parseJsonBody, type PayloadErrorReader } from '../parse-json-body.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { createOpenAIPayloadError, isOpenAIErrorPayload } from './openai-error.js';
import type { OpenAICall } from './send-openai-request.js';

const OPENAI_PAYLOAD_ERRORS: PayloadErrorReader = { isError: isOpenAIErrorPayload, create: createOpenAIPayloadError };

export function parseOpenAIBody<Schema extends z.ZodType>(
  call: OpenAICall,
  schema: Schema,
  context: ProviderCallContext,
  what: string,
  accepts?: (body: unknown) => body is z.output<Schema>,
): Promise<z.output<Schema>> {
  return parseJsonBody(call.response, schema, context, what, OPENAI_PAYLOAD_ERRORS, call.secrets, accepts);
}
