// One call to watsonx.ai's /ml/v1 API, shared by chat (`watsonx/`) and text generation
// (`watsonx_text/`): the path for a foundation model or a deployment (`deployment/<id>`), the
// version query, and a bearer token from IBM Cloud IAM (an API key exchanged and cached), a
// ready token, or a Cloud Pak ZenApiKey. A token watsonx refused is dropped from the cache.

import { createUpstreamErrorFactory } from '../../http/create-upstream-error.js';
import { AuthenticationError } from '../../errors/error-classes.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { sendProviderRequest, type ProviderCall } from '../send-provider-request.js';
import { getIamToken, invalidateIamToken } from './request-iam-token.js';
import { resolveWatsonxSettings, type WatsonxCredential, type WatsonxSettings } from './resolve-watsonx-settings.js';
import { parseWatsonxError } from './watsonx-error.js';

const createWatsonxError = createUpstreamErrorFactory(parseWatsonxError);
const DEPLOYMENT_PREFIX = 'deployment/';

/** The operation under /text/: chat, chat_stream, generation, generation_stream. */
type WatsonxOperation = 'chat' | 'chat_stream' | 'generation' | 'generation_stream';

/** Builds the body: `modelId` is undefined for a deployment, which names its model itself. */
type WatsonxBodyBuilder = (modelId: string | undefined, settings: WatsonxSettings) => string;

export async function sendWatsonxRequest(context: ProviderCallContext, operation: WatsonxOperation, buildBody: WatsonxBodyBuilder): Promise<ProviderCall> {
  const deployment = context.model.startsWith(DEPLOYMENT_PREFIX) ? context.model.slice(DEPLOYMENT_PREFIX.length) : undefined;
  const settings = resolveWatsonxSettings(context, deployment !== undefined);
  const path = `${deployment === undefined ? '' : `/deployments/${encodeURIComponent(deployment)}`}/text/${operation}`;
  const url = `${settings.url}/ml/v1${path}?version=${encodeURIComponent(settings.version)}`;
  const body = buildBody(deployment === undefined ? context.model : undefined, settings);
  const { authorization, secrets } = await authorize(settings.credential, context);
  const stream = operation.endsWith('_stream');
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: stream ? 'text/event-stream' : 'application/json', ...context.extraHeaders, authorization };
  try {
    return await sendProviderRequest(context, 'POST', url, headers, body, createWatsonxError, secrets);
  } catch (error) {
    // An IAM token watsonx refused (revoked, expired early) is dropped, so the next call gets a new one.
    if (error instanceof AuthenticationError && settings.credential.kind === 'iam')
      invalidateIamToken(settings.credential.apiKey, settings.credential.iamUrl, authorization.slice('Bearer '.length));
    throw error;
  }
}

async function authorize(credential: WatsonxCredential, context: ProviderCallContext): Promise<{ authorization: string; secrets: string[] }> {
  switch (credential.kind) {
    case 'token':
      return { authorization: `Bearer ${credential.token}`, secrets: [credential.token] };
    case 'zen':
      return { authorization: `ZenApiKey ${credential.apiKey}`, secrets: [credential.apiKey] };
    case 'iam': {
      const token = await getIamToken(credential.apiKey, credential.iamUrl, context);
      return { authorization: `Bearer ${token}`, secrets: [token, credential.apiKey] };
    }
    default: {
      const exhaustive: never = credential;
      throw new Error(`unknown watsonx credential ${JSON.stringify(exhaustive)}`);
    }
  }
}
