// An OpenAI batch input file → Bedrock batch inference records, one JSON line each:
// `{recordId, modelInput}`, the record id being the line's `custom_id` (Bedrock copies it to
// the output, which is how output lines find their caller's id again) and the model input the
// model's own InvokeModel body. Claude is the family served (the Anthropic converters);
// other families, other endpoints, streams and unsupported parameters are 400s naming the line.

import { parseBatchInput, type BatchInputLine } from '../../batch-lines.js';
import { BadRequestError } from '../../errors/error-classes.js';
import { LlmuxError } from '../../errors/llmux-error.js';
import { checkParams } from '../../params/check-params.js';
import type { ChatCompletionRequest, ChatParameterName } from '../../spec/index.js';
import { convertToBedrockInvokeRequest } from './convert-to-bedrock-invoke-request.js';
import { isAnthropicModel } from './parse-bedrock-model.js';

const CHAT_URL = '/v1/chat/completions';

export function convertToBedrockBatchRecords(data: Buffer, modelId: string, supportedParams: ReadonlySet<ChatParameterName>): Buffer {
  if (!isAnthropicModel(modelId)) {
    throw new BadRequestError(`llmux runs Bedrock batch inference for Claude models; "${modelId}" is not one`, { provider: 'bedrock', model: modelId, param: 'model' });
  }
  const lines = parseBatchInput(data);
  if (lines.length === 0) throw refused('the batch file has no lines');
  const seen = new Set<string>();
  const records = lines.map((line, index) => JSON.stringify(toRecord(line, index + 1, seen, supportedParams)));
  return Buffer.from(records.join('\n') + '\n');
}

function toRecord(line: BatchInputLine, number: number, seen: Set<string>, supportedParams: ReadonlySet<ChatParameterName>): { recordId: string; modelInput: unknown } {
  const id = line.custom_id;
  if (typeof id !== 'string' || id === '') throw refused(`line ${number} of the batch file has no custom_id`);
  if (seen.has(id)) throw refused(`line ${number} of the batch file repeats custom_id "${id}"`);
  seen.add(id);
  if (line.url !== undefined && line.url !== CHAT_URL) throw refused(`line ${number}: Bedrock batch inference through llmux takes ${CHAT_URL} lines, not ${String(line.url)}`);
  const { body } = line;
  if (!Array.isArray(body['messages']) || body['messages'].length === 0) throw refused(`line ${number} of the batch file has no messages`);
  if (body['stream'] === true) throw refused(`line ${number}: a batch line cannot stream`);
  const { stream: _stream, ...rest } = body;
  // The line is the caller's chat request; its fields are checked like a live call's.
  const request = rest as unknown as ChatCompletionRequest;
  try {
    const warnings: string[] = [];
    const checked = checkParams(request, { id: 'bedrock', supportedParams }, false, warnings);
    return { recordId: id, modelInput: convertToBedrockInvokeRequest(checked, warnings).body };
  } catch (error) {
    if (error instanceof LlmuxError) throw refused(`line ${number}: ${error.message}`);
    throw refused(`line ${number}: its body is not a chat request llmux can convert (${error instanceof Error ? error.message : String(error)})`);
  }
}

function refused(message: string): BadRequestError {
  return new BadRequestError(message, { provider: 'bedrock', param: 'file', code: 'invalid_batch_file' });
}
