// IBM watsonx.ai (`watsonx/<model_id>`, `watsonx/deployment/<id>`): chat over /ml/v1/text/chat
// and /ml/v1/text/chat_stream, with a bearer token from IBM Cloud IAM (an API key exchanged
// and cached), a ready token, or a Cloud Pak ZenApiKey. Replies are OpenAI-shaped, so the
// OpenAI adapter's readers convert them; a token watsonx refused is dropped from the cache.

import { createUpstreamErrorFactory } from '../../http/create-upstream-error.js';
import { AuthenticationError } from '../../errors/error-classes.js';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest } from '../../spec/index.js';
import { nowSeconds } from '../now-seconds.js';
import { convertOpenAIResponse } from '../openai/convert-openai-response.js';
import { openAIResponseSchema } from '../openai/openai-api.js';
import { parseOpenAIBody } from '../openai/parse-openai-body.js';
import { readOpenAIStream } from '../openai/openai-stream.js';
import type { ProviderAdapter, ProviderCallContext } from '../provider-adapter.js';
import { sendProviderRequest, type ProviderCall } from '../send-provider-request.js';
import { convertToWatsonxChatRequest, WATSONX_SUPPORTED_PARAMS } from './convert-to-watsonx-chat-request.js';
import { getIamToken, invalidateIamToken } from './request-iam-token.js';
import { resolveWatsonxSettings, type WatsonxCredential } from './resolve-watsonx-settings.js';
import { parseWatsonxError } from './watsonx-error.js';

const createWatsonxError = createUpstreamErrorFactory(parseWatsonxError);
const DEPLOYMENT_PREFIX = 'deployment/';
const NO_CONVERT_OPTIONS = { reasoningField: undefined, toolCallIds: undefined } as const;

export function createWatsonxProvider(): ProviderAdapter {
  return { id: 'watsonx', supportedParams: WATSONX_SUPPORTED_PARAMS, chat, streamChat };
}

async function chat(request: ChatCompletionRequest, context: ProviderCallContext): Promise<ChatCompletion> {
  const call = await sendChat(request, context, false);
  const body = await parseOpenAIBody(call, openAIResponseSchema, context, 'a chat reply');
  return convertOpenAIResponse({ ...body, model: body.model ?? stringField(body, 'model_id') }, { ...NO_CONVERT_OPTIONS, model: context.model, created: nowSeconds() });
}

async function streamChat(request: ChatCompletionRequest, context: ProviderCallContext): Promise<AsyncIterable<ChatCompletionChunk>> {
  const call = await sendChat(request, context, true);
  return readOpenAIStream(call.response, {
    ...NO_CONVERT_OPTIONS,
    provider: context.provider,
    model: context.model,
    secrets: call.secrets,
    created: nowSeconds(),
    signal: context.signal,
  });
}

async function sendChat(request: ChatCompletionRequest, context: ProviderCallContext, stream: boolean): Promise<ProviderCall> {
  const deployment = context.model.startsWith(DEPLOYMENT_PREFIX) ? context.model.slice(DEPLOYMENT_PREFIX.length) : undefined;
  const settings = resolveWatsonxSettings(context, deployment !== undefined);
  const path = `${deployment === undefined ? '' : `/deployments/${encodeURIComponent(deployment)}`}/text/${stream ? 'chat_stream' : 'chat'}`;
  const url = `${settings.url}/ml/v1${path}?version=${encodeURIComponent(settings.version)}`;
  const body = convertToWatsonxChatRequest(request, deployment === undefined ? context.model : undefined, settings);
  const { authorization, secrets } = await authorize(settings.credential, context);
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

function stringField(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' ? value : undefined;
}
