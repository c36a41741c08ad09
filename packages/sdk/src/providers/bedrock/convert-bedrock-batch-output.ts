// Bedrock batch inference output (`<input>.out`, one record a line: `recordId`,
// `modelInput`, and `modelOutput` or `error`) → OpenAI batch output lines: `custom_id` from
// the record id, the model's answer converted to a chat completion (with its usage, which
// the gateway bills per line when the output is read), or the record's error.

import { anthropicResponseSchema } from '../anthropic/anthropic-api.js';
import { convertAnthropicResponse } from '../anthropic/convert-anthropic-response.js';
import { JSON_TOOL_NAME } from '../anthropic/convert-to-anthropic-tools.js';
import { nowSeconds } from '../now-seconds.js';

interface BedrockRecord {
  recordId?: unknown;
  modelInput?: { tools?: Array<{ name?: unknown }> };
  modelOutput?: unknown;
  error?: { errorCode?: unknown; errorMessage?: unknown };
}

export function convertBedrockBatchOutput(data: Buffer): Buffer {
  const created = nowSeconds();
  const lines = data
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((text, index) => JSON.stringify(toOutputLine(text, index, created)));
  return Buffer.from(lines.length === 0 ? '' : lines.join('\n') + '\n');
}

function toOutputLine(text: string, index: number, created: number): Record<string, unknown> {
  let record: BedrockRecord;
  try {
    record = JSON.parse(text) as BedrockRecord;
  } catch {
    return failed(`line-${index + 1}`, 'invalid_output', `Bedrock wrote line ${index + 1} of the output as something other than JSON`);
  }
  const customId = typeof record.recordId === 'string' ? record.recordId : `line-${index + 1}`;
  if (record.error !== undefined && record.error !== null) {
    return failed(customId, String(record.error.errorCode ?? 'bedrock_error'), String(record.error.errorMessage ?? 'the record failed'));
  }
  const parsed = anthropicResponseSchema.safeParse(record.modelOutput);
  if (!parsed.success) return failed(customId, 'invalid_output', 'Bedrock wrote an output that is not a Messages API message');
  // The JSON-mode tool in the record's own input says how its reply is read, as for a live call.
  const jsonMode = record.modelInput?.tools?.some((tool) => tool.name === JSON_TOOL_NAME) === true;
  const completion = convertAnthropicResponse(parsed.data, { jsonMode, created });
  const requestId = `batch_req_${customId}`;
  return { id: requestId, custom_id: customId, response: { status_code: 200, request_id: requestId, body: completion }, error: null };
}

function failed(customId: string, code: string, message: string): Record<string, unknown> {
  return { id: `batch_req_${customId}`, custom_id: customId, response: null, error: { code, message } };
}
