export { HttpClient, getSharedHttpClient } from './http-client.js';
export { redactSecrets, maskSecret, maskKeysInText } from './redact-secrets.js';
export { encodeSseData, SSE_DONE } from './encode-sse.js';
