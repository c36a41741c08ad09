// general_settings.store_prompts_in_spend_logs: the reply goes on the spend row beside the
// request's messages, as LiteLLM's `response` column. Wraps the capture another hook set
// (cache, guardrails) so both see the reply. Streams keep their chunks, up to a bound; the
// row's sanitizer caps the bytes.

import type { ReplyCapture } from '../core/reply-capture.js';
import type { CallRecord } from './build-spend-log-row.js';

const MAX_STORED_CHUNKS = 2_000;

export function captureStoredReply(call: CallRecord, inner: ReplyCapture | undefined): ReplyCapture {
  let chunks: unknown[] | undefined;
  return {
    reply(result) {
      const sent = inner === undefined ? result : inner.reply(result);
      call.response = sent;
      return sent;
    },
    chunk(chunk) {
      inner?.chunk(chunk);
      if (chunks === undefined) {
        chunks = [];
        call.response = chunks;
      }
      if (chunks.length < MAX_STORED_CHUNKS) chunks.push(chunk);
    },
  };
}
