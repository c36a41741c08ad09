// ElevenLabs' error bodies: `{ detail: { status, message } }`, or for validation errors
// `{ detail: [{ loc, msg, type }] }` (FastAPI's shape).

import type { UpstreamErrorParser } from '../../http/create-upstream-error.js';

export const parseElevenLabsError: UpstreamErrorParser = (body, text) => {
  const detail = typeof body === 'object' && body !== null ? (body as { detail?: unknown }).detail : undefined;
  if (typeof detail === 'object' && detail !== null && !Array.isArray(detail)) {
    const { status, message } = detail as { status?: unknown; message?: unknown };
    if (typeof message === 'string') return { message, ...(typeof status === 'string' ? { code: status } : {}) };
  }
  if (Array.isArray(detail)) {
    const first = detail[0] as { msg?: unknown; loc?: unknown } | undefined;
    if (typeof first?.msg === 'string') return { message: first.msg, ...(Array.isArray(first.loc) ? { param: first.loc.map(String).join('.') } : {}) };
  }
  return { message: text.trim() };
};
