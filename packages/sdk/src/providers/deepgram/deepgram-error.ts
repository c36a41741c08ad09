// Deepgram's error bodies: `{ err_code, err_msg, request_id }` (older APIs), or
// `{ category, message, details }`; the message is what the caller reads.

import type { UpstreamErrorParser } from '../../http/create-upstream-error.js';

export const parseDeepgramError: UpstreamErrorParser = (body, text) => {
  if (typeof body === 'object' && body !== null) {
    const record = body as Record<string, unknown>;
    const message = record['err_msg'] ?? record['message'];
    const code = record['err_code'] ?? record['category'];
    if (typeof message === 'string') return { message, ...(typeof code === 'string' ? { code } : {}) };
  }
  return { message: text.trim() };
};
