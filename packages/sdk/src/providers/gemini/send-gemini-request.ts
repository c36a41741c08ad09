// Sends one call to a Gemini-format endpoint (AI Studio or Vertex AI) through the shared
// undici pool. The endpoint supplies the model URL and its auth headers, so the same call
// serves an API key and an OAuth token; non-2xx answers are thrown as typed errors.

import type { z } from 'zod';
import type { HttpResponse } from '../../http/http-client.js';
import { parseJsonBody, type PayloadErrorReader } from '../parse-json-body.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { sendProviderRequest, type ProviderCall } from '../send-provider-request.js';
import { createGeminiPayloadError, createGeminiUpstreamError, isGeminiErrorPayload } from './gemini-error.js';

const GEMINI_PAYLOAD_ERRORS: PayloadErrorReader = { isError: isGeminiErrorPayload, create: createGeminiPayloadError };

export interface GeminiEndpoint {
  /** Everything before `:<method>`: `https://host/v1beta/models/gemini-2.5-flash`. */
  modelUrl: string;
  /** Credential headers, applied after the caller's extra headers so none can replace them. */
  authHeaders: Record<string, string>;
  /** Values to scrub from any error message. */
  secrets: ReadonlyArray<string | undefined>;
}

export function sendGeminiRequest(endpoint: GeminiEndpoint, method: string, body: unknown, context: ProviderCallContext, stream: boolean): Promise<ProviderCall> {
  const headers = {
    'content-type': 'application/json',
    ...(stream ? { accept: 'text/event-stream' } : {}),
    ...context.extraHeaders,
    ...endpoint.authHeaders,
  };
  const url = `${endpoint.modelUrl}:${method}${stream ? '?alt=sse' : ''}`;
  return sendProviderRequest(context, 'POST', url, headers, JSON.stringify(body), createGeminiUpstreamError, endpoint.secrets);
}

/** Reads a 2xx JSON body and validates it; an error report inside it is the typed error, a body of the wrong shape a 502. */
export function readGeminiJson<Schema extends z.ZodType>(
  response: HttpResponse,
  schema: Schema,
  endpoint: GeminiEndpoint,
  context: ProviderCallContext,
  what: string,
): Promise<z.output<Schema>> {
  return parseJsonBody(response, schema, context, what, GEMINI_PAYLOAD_ERRORS, endpoint.secrets);
}
