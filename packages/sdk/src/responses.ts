// `responses()`: OpenAI's Responses API on any provider. OpenAI and Azure models take the
// body as it is (native passthrough); every other provider is bridged through completion()
// with the dialect's conversions. A stream is an async iterable of the Responses events.

import type { CallOptions } from './call-options.js';
import { completeCall, type CompletionRequest } from './completion.js';
import { BRIDGED_RESPONSES_FIELDS, convertResponsesRequest } from './dialects/openai-responses/convert-responses-request.js';
import { convertToResponsesResponse } from './dialects/openai-responses/convert-to-responses-response.js';
import { createResponsesStreamEncoder } from './dialects/openai-responses/create-responses-stream-encoder.js';
import type { ResponsesRequest, ResponsesResponse } from './dialects/openai-responses/openai-responses-api.js';
import { nativeCallSplit, speaksNatively } from './native/native-call.js';
import { attachMetadata, type ResponseMetadata } from './response-metadata.js';
import { splitCall } from './split-call.js';
import { parseResponsesEvents, type ResponsesStreamEvent } from './parse-responses-events.js';

export type ResponsesParams = ResponsesRequest & CallOptions;
export type ResponsesResult = ResponsesResponse & { readonly llmux: ResponseMetadata };

export interface ResponsesEventStream extends AsyncIterable<ResponsesStreamEvent> {
  /** provider, model, warnings; cost once the stream has ended. */
  readonly llmux: ResponseMetadata;
  cancel(): Promise<void>;
}

/**
 * The Responses request fields; any other argument is a call option or a provider setting.
 * Past the ones the bridge carries: fields only a native (OpenAI, Azure) deployment takes.
 */
export const RESPONSES_BODY_KEYS: ReadonlySet<string> = new Set([
  ...BRIDGED_RESPONSES_FIELDS,
  'store',
  'previous_response_id',
  'truncation',
  'service_tier',
  'background',
  'safety_identifier',
  'max_tool_calls',
  'top_logprobs',
  'prompt',
  'conversation',
  'stream_options',
]);

export function responses(params: ResponsesParams & { stream: true }): Promise<ResponsesEventStream>;
export function responses(params: ResponsesParams & { stream?: false | null }): Promise<ResponsesResult>;
export async function responses(params: ResponsesParams): Promise<ResponsesResult | ResponsesEventStream> {
  const split = splitCall<ResponsesRequest>(params, RESPONSES_BODY_KEYS);
  const body = split.body;
  const stream = body.stream === true;
  if (speaksNatively(body.model, 'openai-responses', split.options.registry)) {
    const reply = await nativeCallSplit(split, { dialect: 'openai-responses', body, stream, headers: {} });
    if (reply.kind === 'json') return attachMetadata(JSON.parse(reply.body.toString('utf8')) as ResponsesResponse, reply.llmux);
    return { llmux: reply.llmux, cancel: () => reply.cancel(), [Symbol.asyncIterator]: () => parseResponsesEvents(reply)[Symbol.asyncIterator]() };
  }
  const { request, warnings } = convertResponsesRequest(body, { dropParams: split.options.drop_params === true });
  const result = await completeCall({ ...split, body: request as CompletionRequest });
  result.llmux.warnings.push(...warnings);
  const options = { model: body.model, request: body };
  if (!('cancel' in result)) return attachMetadata(convertToResponsesResponse(result, options), result.llmux);
  const streamed = result;
  const encoder = createResponsesStreamEncoder(options);
  async function* encode(): AsyncGenerator<string> {
    for await (const chunk of streamed) yield encoder.chunk(chunk);
    yield encoder.end(streamed.usage);
  }
  return { llmux: streamed.llmux, cancel: () => streamed.cancel(), [Symbol.asyncIterator]: () => parseResponsesEvents(encode())[Symbol.asyncIterator]() };
}
