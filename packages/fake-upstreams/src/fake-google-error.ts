// Google API error bodies (`{"error":{code,message,status,details}}`), as AI Studio and
// Vertex AI send them, with the google.rpc detail types clients read.

export interface FakeGoogleErrorDetail {
  '@type': string;
  [field: string]: unknown;
}

export function googleErrorBody(code: number, status: string, message: string, details?: FakeGoogleErrorDetail[]): Record<string, unknown> {
  return { error: { code, message, status, ...(details === undefined ? {} : { details }) } };
}

export function errorInfo(reason: string, service: string): FakeGoogleErrorDetail {
  return { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason, domain: 'googleapis.com', metadata: { service } };
}

export function retryInfo(seconds: number): FakeGoogleErrorDetail {
  return { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${seconds}s` };
}

/** The body AI Studio sends for a wrong API key (HTTP 400, not 401). */
export function apiKeyInvalidBody(): Record<string, unknown> {
  const message = 'API key not valid. Please pass a valid API key.';
  return googleErrorBody(400, 'INVALID_ARGUMENT', message, [
    errorInfo('API_KEY_INVALID', 'generativelanguage.googleapis.com'),
    { '@type': 'type.googleapis.com/google.rpc.LocalizedMessage', locale: 'en-US', message },
  ]);
}

/** The body Vertex AI sends for a missing, expired or unknown bearer token. */
export function unauthenticatedBody(): Record<string, unknown> {
  return googleErrorBody(
    401,
    'UNAUTHENTICATED',
    'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
    [errorInfo('ACCESS_TOKEN_TYPE_UNSUPPORTED', 'aiplatform.googleapis.com')],
  );
}

/** What a stream sends in place of its next chunk when the model fails mid-answer. */
export function overloadedBody(): Record<string, unknown> {
  return googleErrorBody(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.');
}
