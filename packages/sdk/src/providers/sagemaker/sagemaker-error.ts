// What SageMaker Runtime's error names mean (its Smithy model's httpError traits), for HTTP
// errors and stream exception frames alike. A container's own failure arrives as ModelError
// (424) with the container's status in OriginalStatusCode, which is used when it is a
// client error: a TGI validation error stays a 4xx, a crash is a bad gateway.

import type { AwsErrorTable } from '../aws/aws-error.js';

export const SAGEMAKER_ERRORS: AwsErrorTable = {
  ValidationError: { status: 400 },
  ModelError: { status: 502, useOriginalStatus: true },
  ModelNotReadyException: { status: 503, kind: 'overloaded' },
  ServiceUnavailable: { status: 503, kind: 'overloaded' },
  InternalFailure: { status: 500 },
  InternalDependencyException: { status: 502 },
  ModelStreamError: { status: 502 },
  InternalStreamFailure: { status: 500 },
};
