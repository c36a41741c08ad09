// Reads a 2xx JSON body and validates it against a lenient schema. An error report inside a
// 200 (some proxies do this) becomes the typed error; a body of the wrong shape is a 502.

import type { z } from 'zod';
import { BadGatewayError } from '../../errors/error-classes.js';
import { isLlmuxError } from '../../errors/to-openai-error-body.js';
import { toConnectionError } from '../../http/http-client.js';
import { readJson } from '../../http/read-body.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { createOpenAIPayloadError, isOpenAIErrorPayload } from './openai-error.js';
import type { OpenAICall } from './send-openai-request.js';

export async function parseOpenAIBody<Schema extends z.ZodType>(
  call: OpenAICall,
  schema: Schema,
  context: ProviderCallContext,
  what: string,
): Promise<z.output<Schema>> {
  let json: unknown;
  try {
    json = await readJson(call.response);
  } catch (error) {
    if (isLlmuxError(error)) throw error;
    if (error instanceof SyntaxError) throw invalid(context, what);
    throw toConnectionError(error, context);
  }
  if (isOpenAIErrorPayload(json)) {
    throw createOpenAIPayloadError(json, { provider: context.provider, model: context.model, secrets: call.secrets });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw invalid(context, what);
  return parsed.data;
}

function invalid(context: ProviderCallContext, what: string): BadGatewayError {
  return new BadGatewayError(`${context.provider} returned a body that is not ${what}`, {
    provider: context.provider,
    model: context.model,
  });
}
