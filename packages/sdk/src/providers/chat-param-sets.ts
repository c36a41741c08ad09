// The parameter groups native chat providers declare in supportedParams. Each provider
// builds its set from the groups its API has fields for, plus its own additions, so a name
// spelled once here cannot drift between providers (check-params.ts refuses what is absent).

import type { ChatParameterName } from '../spec/index.js';

/**
 * What every native chat API here has a field for: sampling, the output limit and stop
 * sequences. stream_options is included because each reports usage in its streams.
 */
const BASE_CHAT_PARAMS: readonly ChatParameterName[] = ['stream_options', 'temperature', 'top_p', 'max_tokens', 'max_completion_tokens', 'stop'];

/** The seed and the two repetition penalties, which OpenAI-like sampling APIs take together. */
export const SEED_AND_PENALTIES: readonly ChatParameterName[] = ['seed', 'presence_penalty', 'frequency_penalty'];

/** Function calling. */
export const TOOL_PARAMS: readonly ChatParameterName[] = ['tools', 'tool_choice'];

/** Structured output and reasoning, with LiteLLM's provider parameters top_k and thinking. */
export const REASONING_PARAMS: readonly ChatParameterName[] = ['response_format', 'reasoning_effort', 'top_k', 'thinking'];

/** The base parameters plus a provider's own, as the set supportedParams takes. */
export function chatParamSet(...own: readonly ChatParameterName[]): ReadonlySet<ChatParameterName> {
  return new Set<ChatParameterName>([...BASE_CHAT_PARAMS, ...own]);
}
