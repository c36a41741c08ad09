// A canonical finish reason → the Response's status and incomplete_details: a cut at the
// token limit or by a content filter is `incomplete`, everything else `completed`.

import type { FinishReason } from '../../spec/index.js';
import type { ResponsesResponse } from './openai-responses-api.js';

export function mapToResponsesStatus(finish: FinishReason | null): Pick<ResponsesResponse, 'status' | 'incomplete_details'> {
  switch (finish) {
    case 'length':
      return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } };
    case 'content_filter':
      return { status: 'incomplete', incomplete_details: { reason: 'content_filter' } };
    case 'stop':
    case 'tool_calls':
    case 'function_call':
    case null:
      return { status: 'completed', incomplete_details: null };
    default: {
      const never: never = finish;
      return never;
    }
  }
}
