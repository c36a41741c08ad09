// Reads a 2xx JSON body and validates it against a lenient wire schema. A connection lost
// while reading is a connection error; a body that is not JSON, or not of the schema's shape,
// is a 502; and for providers that report errors inside a 200, such a report becomes the
// typed error.

import type { z } from 'zod';
import { BadGatewayError } from '../errors/error-classes.js';
import type { LlmuxError } from '../errors/llmux-error.js';
import { isLlmuxError } from '../errors/to-openai-error-body.js';
import type { UpstreamErrorContext } from '../http/create-upstream-error.js';
import { toConnectionError, type HttpResponse } from '../http/http-client.js';
import { readJson } from '../http/read-body.js';
import type { ProviderCallContext } from './provider-adapter.js';

/** How a provider recognises an error report inside a 200 body; one static object each. */
export interface PayloadErrorReader {
  isError(body: unknown): boolean;
  create(body: unknown, context: UpstreamErrorContext): LlmuxError;
}

const NO_SECRETS: ReadonlyArray<string | undefined> = [];

export async function parseJsonBody<Schema extends z.ZodType>(
  response: HttpResponse,
  schema: Schema,
  context: ProviderCallContext,
  what: string,
  payloadErrors?: PayloadErrorReader,
  secrets: ReadonlyArray<string | undefined> = NO_SECRETS,
  /** True only for bodies the schema certainly accepts, which are then used as they are. */
  accepts?: (body: unknown) => body is z.output<Schema>,
): Promise<z.output<Schema>> {
  let json: unknown;
  try {
    json = await readJson(response);
  } catch (error) {
    if (isLlmuxError(error)) throw error;
    // Not JSON: left undefined, so the schema check below reports the 502.
    if (!(error instanceof SyntaxError)) throw toConnectionError(error, context);
  }
  if (payloadErrors?.isError(json) === true) {
    throw payloadErrors.create(json, { provider: context.provider, model: context.model, secrets });
  }
  if (accepts?.(json) === true) return json;
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new BadGatewayError(`${context.provider} returned a body that is not ${what}`, { provider: context.provider, model: context.model });
  }
  return parsed.data;
}
