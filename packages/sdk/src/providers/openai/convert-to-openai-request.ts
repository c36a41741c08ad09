// Canonical request → wire body. The canonical request is OpenAI's, so for OpenAI this is one
// JSON.stringify (which also drops undefined fields); a provider's declared quirks copy
// and adjust only what they touch. Per-row work (rename tables) is done once, at creation.

import type { ChatCompletionRequest, ToolChoice } from '../../spec/index.js';
import { convertToOpenAIMessages } from './convert-to-openai-messages.js';
import type { OpenAIQuirks } from './openai-provider-config.js';

interface OpenAIWireRequest {
  body: string;
  /** Rewritten tool-call id → the caller's id, for mapping the reply back. */
  toolCallIds: Map<string, string> | undefined;
}

export type OpenAIRequestConverter = (request: ChatCompletionRequest) => OpenAIWireRequest;

export function createOpenAIRequestConverter(quirks: OpenAIQuirks | undefined): OpenAIRequestConverter {
  const renames = Object.entries(quirks?.renameParams ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  const omitStreamOptions = quirks?.omitStreamOptions === true;
  const mapToolChoice = quirks?.toolChoice;

  return (request) => {
    const { messages, toolCallIds } = convertToOpenAIMessages(request.messages, quirks);
    // The canonical request is OpenAI's wire body; it is read and patched as a plain object from here.
    let body: Record<string, unknown> = request as unknown as Record<string, unknown>;
    let copied = false;
    const own = (): Record<string, unknown> => {
      if (!copied) {
        body = { ...body };
        copied = true;
      }
      return body;
    };
    if (messages !== request.messages) own()['messages'] = messages;
    if (omitStreamOptions && request.stream_options !== undefined) delete own()['stream_options'];
    for (const [from, to] of renames) {
      const value = body[from];
      if (value === undefined) continue;
      const target = own();
      delete target[from];
      // When the caller sent both spellings, the provider's own one wins.
      if (target[to] === undefined || target[to] === null) target[to] = value;
    }
    if (mapToolChoice !== undefined && request.tool_choice !== undefined) {
      own()['tool_choice'] = mapToolChoice(request.tool_choice satisfies ToolChoice);
    }
    return { body: JSON.stringify(body), toolCallIds };
  };
}
