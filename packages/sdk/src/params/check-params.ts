// Checks a request's OpenAI parameters against what the provider declares it honours.
// Unsupported ones raise UnsupportedParamsError, or with drop_params are removed and
// reported as warnings; nothing is rewritten silently.

import { UnsupportedParamsError } from '../errors/error-classes.js';
import { CHAT_PARAMETER_NAMES, PROVIDER_PARAMETER_NAMES, type ChatCompletionRequest, type ChatParameterName } from '../spec/chat-completion-request.js';
import type { ProviderAdapter } from '../providers/provider-adapter.js';

/** OpenAI defaults that many clients always send; asking for the default asks for nothing. */
const NO_OP_VALUES: Partial<Record<string, unknown>> = { n: 1, parallel_tool_calls: true };

const PARAMETER_NAMES: ReadonlySet<string> = new Set([...CHAT_PARAMETER_NAMES, ...PROVIDER_PARAMETER_NAMES]);

/** Parameters that are not OpenAI's: a provider that forwards unknown fields takes them as sent. */
const PROVIDER_PARAMETERS: ReadonlySet<string> = new Set(PROVIDER_PARAMETER_NAMES);

/** The body's own fields, never parameters to check. */
const BODY_FIELDS: ReadonlySet<string> = new Set(['model', 'messages', 'stream']);

export function checkParams(
  request: ChatCompletionRequest,
  adapter: Pick<ProviderAdapter, 'id' | 'supportedParams' | 'supportedParamsFor' | 'forwardsUnknownParams'>,
  dropParams: boolean,
  warnings: string[],
): ChatCompletionRequest {
  const supported = adapter.supportedParamsFor?.(request.model) ?? adapter.supportedParams;
  let checked = request;
  // The request's own keys (a handful) rather than every parameter name: on the hot path
  // each `request[name]` over the full list was a megamorphic lookup.
  for (const key in request) {
    const known = PARAMETER_NAMES.has(key);
    // A field llmux does not know (a caller's extra, e.g. `top_k`) goes as sent to a provider
    // that takes unknown fields; any other provider would lose it silently, so it is checked.
    if (!known && BODY_FIELDS.has(key)) continue;
    if ((!known || PROVIDER_PARAMETERS.has(key)) && adapter.forwardsUnknownParams === true) continue;
    const name = key as ChatParameterName;
    const value = request[name];
    if (value === undefined || value === null || (known && supported.has(name))) continue;
    if (NO_OP_VALUES[name] === value) continue;
    if (!dropParams) {
      throw new UnsupportedParamsError(`${adapter.id} does not support parameter "${name}"; remove it or set drop_params: true to drop it`, {
        provider: adapter.id,
        model: request.model,
        param: name,
      });
    }
    if (checked === request) checked = { ...request };
    delete checked[name];
    warnings.push(`dropped parameter "${name}": not supported by ${adapter.id}`);
  }
  return checked;
}
