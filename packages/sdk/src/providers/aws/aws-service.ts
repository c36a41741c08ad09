// What one AWS runtime service is, as data: how it signs, where it lives, which settings
// override that, and what its error names mean. Bedrock and SageMaker are one row each;
// the shared code in this folder reads the fields and never a service's name.

import type { AwsErrorTable } from './aws-error.js';

export interface AwsServiceConfig {
  /** SigV4 signing name (`bedrock`, `sagemaker`). */
  readonly signingName: string;
  /** The regional endpoint, without a trailing slash. */
  readonly defaultEndpoint: (region: string) => string;
  /** Call settings (`litellm_params` keys) that replace the endpoint, before `api_base`. */
  readonly endpointSettings: readonly string[];
  /** Environment variables that replace the endpoint, after `api_base`. */
  readonly endpointEnv: readonly string[];
  /**
   * Environment variable with an API key the service takes as `Authorization: Bearer`
   * (Bedrock API keys); `api_key` is then accepted too. Undefined: SigV4 only.
   */
  readonly bearerTokenEnv?: string;
  /** `api_base` names another endpoint of the deployment (Bedrock's runtime), never this one. */
  readonly ignoresApiBase?: boolean;
  /** S3's signing: the payload's hash in `x-amz-content-sha256`, the path encoded once. */
  readonly s3Signing?: boolean;
  readonly errors: AwsErrorTable;
}
