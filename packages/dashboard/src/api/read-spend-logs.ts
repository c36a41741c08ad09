// Request rows from `/spend/logs` (a bare array of LiteLLM SpendLogs rows, or `{data:[...]}`).

import { asRecord, readIdentifiedRows, readList, readNumber, readString, readTime } from './read-fields.js';
import type { SpendLogRow } from './records.js';

export function readSpendLogs(json: unknown): SpendLogRow[] {
  return readIdentifiedRows(readList(json, 'data', 'logs'), 'request_id', (record, requestId, item): SpendLogRow => {
    const metadata = asRecord(record.metadata);
    const startTime = readTime(record.startTime ?? record.start_time);
    const endTime = readTime(record.endTime ?? record.end_time);
    const promptTokens = readNumber(record.prompt_tokens) ?? 0;
    const completionTokens = readNumber(record.completion_tokens) ?? 0;
    return {
      requestId,
      callType: readString(record.call_type),
      apiKey: readString(record.api_key),
      keyAlias: readString(metadata.user_api_key_alias) ?? readString(record.key_alias),
      teamId: readString(record.team_id) ?? readString(metadata.user_api_key_team_id),
      userId: readString(record.user) ?? readString(metadata.user_api_key_user_id),
      model: readString(record.model),
      modelGroup: readString(record.model_group),
      provider: readString(record.custom_llm_provider),
      status: readString(record.status) ?? readString(metadata.status) ?? 'success',
      spend: readNumber(record.spend) ?? 0,
      promptTokens,
      completionTokens,
      totalTokens: readNumber(record.total_tokens) ?? promptTokens + completionTokens,
      startTime,
      endTime,
      latencyMs: readNumber(record.request_duration_ms) ?? (startTime !== null && endTime !== null ? endTime - startTime : null),
      raw: item,
    };
  });
}
