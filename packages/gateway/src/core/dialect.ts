// A dialect: the wire format a client speaks at one door (OpenAI chat, Anthropic messages,
// OpenAI responses). It words every error that door's clients see, from a 404 to a
// budget refusal, and the terminal event of a stream that breaks after it began.

import type { RequestContext } from '../http/request-context.js';
import type { ErrorWriter } from '../http/send-error.js';

type DialectId = 'openai-chat' | 'anthropic-messages' | 'openai-responses';

export interface Dialect {
  readonly id: DialectId;
  /** Paths under these prefixes get this dialect's errors even when no route took them. */
  readonly pathPrefixes: readonly string[];
  readonly writeError: ErrorWriter;
  /** The terminal SSE event for an error after a stream began (the error is recorded). */
  streamError(context: RequestContext, error: unknown): string;
}
