// Vertex AI batch prediction output for Gemini (`predictions*.jsonl`, one line a request:
// the request echoed, and `response`, a GenerateContentResponse, or `status`, the error)
// → OpenAI batch output lines: `custom_id` found again from the request's line label, the
// response converted to a chat completion with its usage (billed per line by the gateway
// when the output is read), or the error. Lines come back in the input file's order.

import { LlmuxError } from '../../errors/llmux-error.js';
import { convertGeminiResponse } from '../gemini/convert-gemini-response.js';
import { geminiResponseSchema } from '../gemini/gemini-api.js';
import { nowSeconds } from '../now-seconds.js';
import { VERTEX_BATCH_LINE_LABEL } from './vertex-batch-records.js';

interface VertexPrediction {
  status?: unknown;
  request?: { labels?: Record<string, unknown> };
  response?: unknown;
}

interface OutputLine {
  order: number;
  line: Record<string, unknown>;
}

export function convertVertexBatchOutput(files: readonly Buffer[], customIds: readonly string[], model: string): Buffer {
  const created = nowSeconds();
  const texts = files.flatMap((file) =>
    file
      .toString('utf8')
      .split('\n')
      .filter((line) => line.trim() !== ''),
  );
  const lines = texts.map((text, index) => toOutputLine(text, index, customIds, { created, model }));
  lines.sort((a, b) => a.order - b.order);
  return Buffer.from(lines.length === 0 ? '' : lines.map(({ line }) => JSON.stringify(line)).join('\n') + '\n');
}

function toOutputLine(text: string, index: number, customIds: readonly string[], options: { created: number; model: string }): OutputLine {
  // Lines whose request lost its label sort after the labelled ones, in the order Vertex wrote them.
  const unlabelled = customIds.length + index;
  let prediction: VertexPrediction;
  try {
    prediction = JSON.parse(text) as VertexPrediction;
  } catch {
    return { order: unlabelled, line: failed(`output-line-${index + 1}`, 'invalid_output', `Vertex wrote line ${index + 1} of the output as something other than JSON`) };
  }
  const number = Number(prediction.request?.labels?.[VERTEX_BATCH_LINE_LABEL]);
  const known = Number.isInteger(number) && number >= 1 && number <= customIds.length;
  const customId = known ? (customIds[number - 1] as string) : `output-line-${index + 1}`;
  const order = known ? number - 1 : unlabelled;
  const status = typeof prediction.status === 'string' ? prediction.status : '';
  if (prediction.response === undefined || prediction.response === null) {
    return { order, line: failed(customId, 'vertex_error', status === '' ? 'Vertex wrote no response for this request' : status) };
  }
  const parsed = geminiResponseSchema.safeParse(prediction.response);
  if (!parsed.success) return { order, line: failed(customId, 'invalid_output', 'Vertex wrote a response that is not a GenerateContentResponse') };
  try {
    const completion = convertGeminiResponse(parsed.data, { created: options.created, provider: 'vertex_ai', model: options.model });
    const requestId = `batch_req_${customId}`;
    return { order, line: { id: requestId, custom_id: customId, response: { status_code: 200, request_id: requestId, body: completion }, error: null } };
  } catch (error) {
    // A blocked prompt is an error for this line only, as it would be for a live call.
    if (error instanceof LlmuxError) return { order, line: failed(customId, error.code ?? 'vertex_error', error.message) };
    throw error;
  }
}

function failed(customId: string, code: string, message: string): Record<string, unknown> {
  return { id: `batch_req_${customId}`, custom_id: customId, response: null, error: { code, message } };
}
