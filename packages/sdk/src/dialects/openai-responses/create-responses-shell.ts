// The Response object's envelope, shared by the JSON reply and the stream's events: the id,
// the client's model name, and the request's settings echoed back as OpenAI does.

import { randomUUID } from 'node:crypto';
import type { ResponsesRequest, ResponsesResponse, ResponsesStatus } from './openai-responses-api.js';

export interface ResponsesReplyOptions {
  /** The model name the client asked for (the reply names it, not the deployment's). */
  model: string;
  /** The client's request, for the settings a Response echoes. */
  request?: ResponsesRequest;
  /** The response id; a new `resp_…` by default. */
  id?: string;
  /** Unix seconds; now by default. */
  createdAt?: number;
}

export function createResponseId(prefix: 'resp' | 'msg' | 'fc' | 'rs'): string {
  return `${prefix}_${randomUUID().replaceAll('-', '')}`;
}

export function createResponsesShell(options: ResponsesReplyOptions, status: ResponsesStatus): ResponsesResponse {
  const request = options.request;
  return {
    id: options.id ?? createResponseId('resp'),
    object: 'response',
    created_at: options.createdAt ?? Math.floor(Date.now() / 1000),
    status,
    error: null,
    incomplete_details: null,
    instructions: request?.instructions ?? null,
    max_output_tokens: request?.max_output_tokens ?? null,
    model: options.model,
    output: [],
    output_text: '',
    parallel_tool_calls: request?.parallel_tool_calls ?? true,
    previous_response_id: request?.['previous_response_id'] ?? null,
    reasoning: { effort: request?.reasoning?.effort ?? null, summary: request?.reasoning?.summary ?? null },
    store: request?.store ?? true,
    temperature: request?.temperature ?? 1,
    text: { format: request?.text?.format ?? { type: 'text' } },
    tool_choice: request?.tool_choice ?? 'auto',
    tools: request?.tools ?? [],
    top_p: request?.top_p ?? 1,
    truncation: 'disabled',
    usage: null,
    user: request?.user ?? null,
    metadata: request?.metadata ?? {},
  };
}
