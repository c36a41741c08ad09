// OpenAI's wire format: `{"error":{message,type,param,code}}` bodies, and a stream error as
// one `data: {"error":...}` event. The gateway's default for every path no other dialect owns.

import { encodeStreamError, sendError } from '../../http/send-error.js';
import type { Dialect } from '../dialect.js';

export const openAIChatDialect: Dialect = {
  id: 'openai-chat',
  pathPrefixes: [],
  writeError: sendError,
  streamError: encodeStreamError,
};
