// Reads a 2xx JSON body and validates it against a lenient schema; a body of the wrong
// shape is a 502, a connection lost while reading it a connection error.

import type { z } from 'zod';
import { BadGatewayError } from '../../errors/error-classes.js';
import { isLlmuxError } from '../../errors/to-openai-error-body.js';
import { toConnectionError } from '../../http/http-client.js';
import { readJson } from '../../http/read-body.js';
import type { AwsCall } from './send-aws-request.js';
import type { ProviderCallContext } from '../provider-adapter.js';

export async function parseAwsBody<Schema extends z.ZodType>(
  call: AwsCall,
  schema: Schema,
  context: ProviderCallContext,
  what: string,
): Promise<z.output<Schema>> {
  let json: unknown;
  try {
    json = await readJson(call.response);
  } catch (error) {
    if (isLlmuxError(error)) throw error;
    if (!(error instanceof SyntaxError)) throw toConnectionError(error, context);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new BadGatewayError(`${context.provider} returned a body that is not ${what}`, { provider: context.provider, model: context.model });
  }
  return parsed.data;
}
