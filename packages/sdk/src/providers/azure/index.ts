// Azure OpenAI (`azure/<deployment>`): the generic OpenAI adapter with Azure's URL and
// credentials, Azure's filter-only stream chunks dropped, and a refused Entra ID token
// evicted so that the next call fetches a fresh one.

import { getSharedEntraTokenCache, invalidateEntraToken, type EntraTokenCache } from '../azure-ad/index.js';
import { isLlmuxError } from '../../errors/to-openai-error-body.js';
import { createOpenAIAdapter } from '../openai/index.js';
import type { ProviderAdapter, ProviderCallContext } from '../provider-adapter.js';
import { createAzureEndpoint, type FetchedToken } from './create-azure-endpoint.js';
import { createAzureProviderConfig } from './azure-provider-config.js';
import { dropAzureFilterChunks } from './azure-stream.js';
import { guardMedia } from './guard-azure-media.js';
import { guardBatches } from './guard-azure-batches.js';

export { DEFAULT_AZURE_API_VERSION } from './resolve-azure-url.js';

export interface AzureProviderOptions {
  /** Entra ID tokens are kept here; defaults to the process-wide cache. */
  tokenCache?: EntraTokenCache;
}

export function createAzureProvider(options: AzureProviderOptions = {}): ProviderAdapter {
  const tokenCache = options.tokenCache ?? getSharedEntraTokenCache();
  const fetched = new WeakMap<ProviderCallContext, FetchedToken>();
  const inner = createOpenAIAdapter(createAzureProviderConfig(createAzureEndpoint(tokenCache, fetched)));
  const { embed, native: nativeSupport, media, textCompletion: text, batches } = inner;
  if (embed === undefined) throw new Error('the Azure row declares embeddings');

  async function guard<Result>(context: ProviderCallContext, call: () => Promise<Result>): Promise<Result> {
    try {
      return await call();
    } catch (error) {
      const used = fetched.get(context);
      if (used !== undefined && isLlmuxError(error) && error.status === 401) invalidateEntraToken(used.credentials, used.token, tokenCache);
      throw error;
    }
  }

  // No listModels: Azure lists base models, not the deployments a caller can name.
  return {
    id: 'azure',
    supportedParams: inner.supportedParams,
    forwardsUnknownParams: inner.forwardsUnknownParams,
    chat: (request, context) => guard(context, () => inner.chat(request, context)),
    streamChat: (request, context) => guard(context, async () => dropAzureFilterChunks(await inner.streamChat(request, context))),
    embed: (request, context) => guard(context, () => embed(request, context)),
    ...(media === undefined ? {} : { media: guardMedia(media, guard) }),
    ...(batches === undefined ? {} : { batches: guardBatches(batches, guard) }),
    // Passthrough keeps Azure's filter chunks: they are part of the OpenAI-format stream Azure sends.
    // The gateway's chat door answers as the translation does (filter fields left out), so it translates.
    ...(nativeSupport === undefined
      ? {}
      : {
          native: {
            speaks: nativeSupport.speaks,
            extendsReply: (dialect) => dialect === 'openai-chat',
            send: (request, context) => guard(context, () => nativeSupport.send(request, context)),
          },
        }),
    ...(text === undefined
      ? {}
      : {
          textCompletion: {
            serves: text.serves,
            complete: (request, context) => guard(context, () => text.complete(request, context)),
            stream: (request, context) => guard(context, () => text.stream(request, context)),
          },
        }),
  };
}
