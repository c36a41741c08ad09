// What a Hugging Face TGI container answers behind SageMaker's `/invocations` when the body is
// a generate request (`{"inputs": …, "parameters": {…}}`): a one-element list of
// `{generated_text, details?}` (TGI's compat route wraps the generation in a list), and for
// `"stream": true` TGI's server-sent events, one token each
// (`data:{"index":1,"token":{"id":…,"text":…,"logprob":…,"special":false},"generated_text":null,"details":null}`),
// the last carrying the whole text and the stream details; the end-of-sequence token is
// sent as a special token, as TGI does.

import type { FakeChatReply } from './fake-chat-reply.js';

interface TgiParameters {
  details?: unknown;
  stop?: unknown;
}

/** TGI's finish reasons: `eos_token`, `length`, `stop_sequence`. */
function finishReason(reply: FakeChatReply): string {
  if (reply.finish === 'length') return 'length';
  return reply.stopSequence === undefined ? 'eos_token' : 'stop_sequence';
}

function tokensOf(text: string): string[] {
  return text.match(/\s*\S+/g) ?? [];
}

/** The JSON body of a plain generate call, details included only when asked for. */
export function createFakeTgiGeneration(reply: FakeChatReply, parameters: TgiParameters | undefined): unknown {
  const text = reply.content ?? '';
  const tokens = tokensOf(text);
  const generation: Record<string, unknown> = { generated_text: text };
  if (parameters?.details === true) {
    generation['details'] = {
      finish_reason: finishReason(reply),
      generated_tokens: reply.usage?.completionTokens ?? tokens.length,
      seed: null,
      prefill: [],
      tokens: tokens.map((token, index) => ({ id: 1000 + index, text: token, logprob: -0.25, special: false })),
    };
  }
  return [generation];
}

interface FakeTgiEvent {
  frame: string;
  content: boolean;
}

/** The SSE events of a streamed generate call (TGI writes `data:` without a space). */
export function createFakeTgiEvents(reply: FakeChatReply): FakeTgiEvent[] {
  const text = reply.content ?? '';
  const tokens = tokensOf(text);
  const events: FakeTgiEvent[] = tokens.map((token, index) => ({
    frame: `data:${JSON.stringify({ index: index + 1, token: { id: 1000 + index, text: token, logprob: -0.25, special: false }, generated_text: null, details: null })}\n\n`,
    content: true,
  }));
  const ended = reply.finish !== 'length';
  const last = {
    index: tokens.length + 1,
    token: ended ? { id: 2, text: '</s>', logprob: -0.01, special: true } : { id: 1999, text: '', logprob: -0.3, special: false },
    generated_text: text,
    details: { finish_reason: finishReason(reply), generated_tokens: reply.usage?.completionTokens ?? tokens.length + 1, seed: null, input_length: reply.usage?.promptTokens ?? 7 },
  };
  events.push({ frame: `data:${JSON.stringify(last)}\n\n`, content: false });
  return events;
}
