export { HttpClient, getSharedHttpClient, toConnectionError, type HttpRequest, type HttpResponse, type HttpClientOptions } from './http-client.js';
export { readJson, readErrorText, tryParseJson, headerValue } from './read-body.js';
export { parseRetryAfter } from './parse-retry-after.js';
export { redactSecrets, maskSecret } from './redact-secrets.js';
export { createUpstreamError, type UpstreamErrorParser, type UpstreamErrorContext } from './create-upstream-error.js';
export { decodeSse, type SseEvent } from './decode-sse.js';
export { encodeSseData, SSE_DONE } from './encode-sse.js';
export { decodeNdjson } from './decode-ndjson.js';
export { decodeAwsEventStream, awsEventHeader, type AwsEventStreamMessage, type AwsEventStreamHeaderValue, type AwsEventStreamOptions } from './decode-aws-event-stream.js';
