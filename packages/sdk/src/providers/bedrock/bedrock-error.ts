// What Bedrock Runtime's error names mean (AWS Bedrock API reference, `ResponseStream` and
// Converse pages), for HTTP errors and `:exception-type` frames alike. The names outrank
// AWS's statuses where those mislead: ModelNotReady (429 on the wire) is an unavailable
// model, and a model's own failure (424) is a bad gateway unless the model said why.

import type { AwsErrorTable } from '../aws/aws-error.js';

export const BEDROCK_ERRORS: AwsErrorTable = {
  ValidationException: { status: 400 },
  AccessDeniedException: { status: 403 },
  ResourceNotFoundException: { status: 404 },
  ModelTimeoutException: { status: 408 },
  ThrottlingException: { status: 429, kind: 'rate_limit' },
  ServiceQuotaExceededException: { status: 429, kind: 'rate_limit' },
  ModelNotReadyException: { status: 503, kind: 'overloaded' },
  ServiceUnavailableException: { status: 503, kind: 'overloaded' },
  InternalServerException: { status: 500 },
  ModelErrorException: { status: 502, useOriginalStatus: true },
  ModelStreamErrorException: { status: 502, useOriginalStatus: true },
};
