// What a provider that serves OpenAI's legacy Completions API itself offers (an adapter's
// optional `textCompletion` member). Providers without it are bridged to chat by
// textCompletion(); see text-completion-bridge.ts.

import type { TextCompletion, TextCompletionChunk, TextCompletionRequest } from '../spec/index.js';
import type { ProviderCallContext } from './provider-adapter.js';

export interface TextCompletionSupport {
  /** Whether `model` is served on the completions API (else its calls are bridged to chat). */
  serves(model: string): boolean;
  complete(request: TextCompletionRequest, context: ProviderCallContext): Promise<TextCompletion>;
  /** Resolves once the upstream accepted the call; the stream asks for usage on its last chunk. */
  stream(request: TextCompletionRequest, context: ProviderCallContext): Promise<AsyncIterable<TextCompletionChunk>>;
}
