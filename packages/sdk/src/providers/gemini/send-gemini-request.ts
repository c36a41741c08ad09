// Sends one call to a Gemini-format endpoint (AI Studio or Vertex AI) through the shared
// undici pool. The endpoint supplies the model URL and its auth headers, so the same call
// serves an API key and an OAuth token; non-2xx answers are thrown as typed errors.

import type { z } from 'zod';
import { BadGatewayError } from '../../errors/error-classes.js';
import { isLlmuxError } from '../../errors/to-openai-error-body.js';
import { toConnectionError, type HttpResponse } from '../../http/http-client.js';
import { readJson } from '../../http/read-body.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { createGeminiPayloadError, createGeminiUpstreamError, isGeminiErrorPayload } from './gemini-error.js';

export interface GeminiEndpoint {
  /** Everything before `:<method>`: `https://host/v1beta/models/gemini-2.5-flash`. */
  modelUrl: string;
  /** Credential headers, applied after the caller's extra headers so none can replace them. */
  authHeaders: Record<string, string>;
  /** Values to scrub from any error message. */
  secrets: ReadonlyArray<string | undefined>;
}

export async function sendGeminiRequest(
  endpoint: GeminiEndpoint,
  method: string,
  body: unknown,
  context: ProviderCallContext,
  stream: boolean,
): Promise<HttpResponse> {
  const response = await context.http.send({
    url: `${endpoint.modelUrl}:${method}${stream ? '?alt=sse' : ''}`,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(stream ? { accept: 'text/event-stream' } : {}),
      ...context.extraHeaders,
      ...endpoint.authHeaders,
    },
    body: JSON.stringify(body),
    signal: context.signal,
    timeoutMs: context.timeoutMs,
    idleTimeoutMs: context.streamIdleTimeoutMs,
    provider: context.provider,
    model: context.model,
  });
  if (response.status < 200 || response.status >= 300) {
    throw await createGeminiUpstreamError(response, { provider: context.provider, model: context.model, secrets: endpoint.secrets });
  }
  return response;
}

/** Reads a 2xx JSON body and validates it; a body of the wrong shape is a 502. */
export async function readGeminiJson<Schema extends z.ZodType>(
  response: HttpResponse,
  schema: Schema,
  endpoint: GeminiEndpoint,
  context: ProviderCallContext,
  what: string,
): Promise<z.output<Schema>> {
  let json: unknown;
  try {
    json = await readJson(response);
  } catch (error) {
    if (isLlmuxError(error)) throw error;
    if (!(error instanceof SyntaxError)) throw toConnectionError(error, context);
  }
  if (isGeminiErrorPayload(json)) throw createGeminiPayloadError(json, { provider: context.provider, model: context.model, secrets: endpoint.secrets });
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new BadGatewayError(`${context.provider} returned a body that is not ${what}`, { provider: context.provider, model: context.model });
  }
  return parsed.data;
}
