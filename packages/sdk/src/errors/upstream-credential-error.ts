// The credential the router holds for a deployment (its api_key, or the provider's key
// variable) is missing, or the upstream refused it. The caller's own key is not at fault,
// so the error must not read like a 401 about it: the status is 500 when the credential is
// missing (the gateway is misconfigured) and 502 when the upstream refused it (the upstream
// said no to the gateway), with one code, `upstream_credential_error`, for both.

import { LlmuxError, type LlmuxErrorOptions } from './llmux-error.js';
import { AuthenticationError, PermissionDeniedError } from './error-classes.js';

/** Codes the SDK's adapters give a credential they could not find (no request was sent). */
const MISSING_CODES = new Set(['missing_api_key', 'missing_aws_credentials']);

export interface UpstreamCredentialErrorOptions extends LlmuxErrorOptions {
  deploymentId: string;
  modelGroup: string;
  /** True: no credential was found; false: the upstream refused the one sent. */
  missing: boolean;
}

export class UpstreamCredentialError extends LlmuxError {
  readonly deploymentId: string;
  readonly modelGroup: string;
  readonly missing: boolean;

  constructor(message: string, options: UpstreamCredentialErrorOptions) {
    // Another deployment holds other credentials, so a fallback may still serve the call;
    // the same deployment would fail the same way, so it is not retried.
    super(message, options.missing ? 500 : 502, 'api_error', { retryable: false, fallbackAllowed: true }, { code: 'upstream_credential_error', ...options });
    this.deploymentId = options.deploymentId;
    this.modelGroup = options.modelGroup;
    this.missing = options.missing;
  }
}

/**
 * An upstream 401/403 (or a credential the adapter could not find) from one deployment's
 * attempt, restated as the gateway's problem with that deployment; other errors unchanged.
 */
export function toUpstreamCredentialError(error: unknown, deployment: { id: string; model_name: string }): unknown {
  if (error instanceof UpstreamCredentialError) return error;
  if (!(error instanceof AuthenticationError) && !(error instanceof PermissionDeniedError)) return error;
  const missing = error.code !== null && MISSING_CODES.has(error.code);
  const name = `deployment "${deployment.id}" of model group "${deployment.model_name}"`;
  const message = missing
    ? `The gateway's upstream credential for ${name} is missing (${error.message}). This is a gateway configuration problem, not a problem with your API key.`
    : `The upstream refused the gateway's credential for ${name} (status ${error.status}: ${error.message}). This is a gateway configuration problem, not a problem with your API key.`;
  return new UpstreamCredentialError(message, {
    deploymentId: deployment.id,
    modelGroup: deployment.model_name,
    missing,
    provider: error.provider,
    model: error.model,
    headers: error.headers,
    cause: error,
  });
}
