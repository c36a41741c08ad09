// An OpenAI batch input file → Vertex AI batch prediction lines for Gemini, one JSON line
// each: `{"request": <GenerateContentRequest>}`, built by the Gemini chat converters. Vertex
// has no record id and may write its output in any order, but it echoes each request; so
// each request carries its line number as a label (`llmux_batch_line`: digits, within
// Vertex's label rules whatever the caller's custom_id looks like, and few distinct values),
// and the custom_ids are kept beside the input in the bucket, in line order. Other
// endpoints, streams, unsupported parameters and anything the conversion would drop are 400s
// naming the line.

import { parseBatchInput, type BatchInputLine } from '../../batch-lines.js';
import { BadRequestError } from '../../errors/error-classes.js';
import { LlmuxError } from '../../errors/llmux-error.js';
import { checkParams } from '../../params/check-params.js';
import type { ChatCompletionRequest, ChatParameterName } from '../../spec/index.js';
import { convertToGeminiRequest } from '../gemini/convert-to-gemini-request.js';

const CHAT_URL = '/v1/chat/completions';
/** The label that carries a request's line number (1-based) through the job. */
export const VERTEX_BATCH_LINE_LABEL = 'llmux_batch_line';

export interface VertexBatchInput {
  /** The JSONL Vertex reads. */
  records: Buffer;
  /** The caller's custom_id of each line, in order. */
  customIds: string[];
}

export function convertToVertexBatchRecords(data: Buffer, supportedParams: ReadonlySet<ChatParameterName>): VertexBatchInput {
  const lines = parseBatchInput(data);
  if (lines.length === 0) throw refused('the batch file has no lines');
  const seen = new Set<string>();
  const customIds: string[] = [];
  const records = lines.map((line, index) => {
    const id = line.custom_id;
    if (typeof id !== 'string' || id === '') throw refused(`line ${index + 1} of the batch file has no custom_id`);
    if (seen.has(id)) throw refused(`line ${index + 1} of the batch file repeats custom_id "${id}"`);
    seen.add(id);
    customIds.push(id);
    return JSON.stringify({ request: toRequest(line, index + 1, supportedParams) });
  });
  return { records: Buffer.from(records.join('\n') + '\n'), customIds };
}

function toRequest(line: BatchInputLine, number: number, supportedParams: ReadonlySet<ChatParameterName>): Record<string, unknown> {
  if (line.url !== undefined && line.url !== CHAT_URL) throw refused(`line ${number}: Vertex AI batch prediction through llmux takes ${CHAT_URL} lines, not ${String(line.url)}`);
  const { body } = line;
  if (!Array.isArray(body['messages']) || body['messages'].length === 0) throw refused(`line ${number} of the batch file has no messages`);
  if (body['stream'] === true) throw refused(`line ${number}: a batch line cannot stream`);
  const { stream: _stream, ...rest } = body;
  // The line is the caller's chat request; its fields are checked like a live call's.
  const request = rest as unknown as ChatCompletionRequest;
  const warnings: string[] = [];
  let converted: Record<string, unknown>;
  try {
    const checked = checkParams(request, { id: 'vertex_ai', supportedParams }, false, warnings);
    converted = { ...convertToGeminiRequest(checked, warnings) };
  } catch (error) {
    if (error instanceof LlmuxError) throw refused(`line ${number}: ${error.message}`);
    throw refused(`line ${number}: its body is not a chat request llmux can convert (${error instanceof Error ? error.message : String(error)})`);
  }
  // A live call reports what it dropped in a header; a batch line has nowhere to say it, so it is refused instead.
  if (warnings.length > 0) throw refused(`line ${number}: ${warnings.join('; ')}`);
  return { ...converted, labels: { [VERTEX_BATCH_LINE_LABEL]: String(number) } };
}

function refused(message: string): BadRequestError {
  return new BadRequestError(message, { provider: 'vertex_ai', param: 'file', code: 'invalid_batch_file' });
}
