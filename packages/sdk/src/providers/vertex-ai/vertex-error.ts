// Errors from Claude on Vertex come in two shapes: the model's own Anthropic error body
// (overloaded, invalid request) and Google's error body when Vertex itself refuses the call
// (token, project, quota). Each goes to its own parser.

import type { UpstreamErrorParser } from '../../http/create-upstream-error.js';
import { parseAnthropicError } from '../anthropic/anthropic-error.js';
import { parseGeminiError } from '../gemini/index.js';

export const parseVertexAnthropicError: UpstreamErrorParser = (body, text, status) => {
  const error = (body as { error?: { type?: unknown } } | null | undefined)?.error;
  return typeof error?.type === 'string' ? parseAnthropicError(body, text, status) : parseGeminiError(body, text, status);
};
