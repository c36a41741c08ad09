// A spend-log row for tests that write rows to a store, spool or writer directly; each test
// names only the fields it is about.

import type { SpendLogRow } from '../../src/store/store.js';

const AT = new Date('2026-01-02T03:04:05.678Z');

export function spendLogRow(requestId: string, changes: Partial<SpendLogRow> = {}): SpendLogRow {
  return {
    request_id: requestId,
    api_key: 'hash',
    user: null,
    team_id: null,
    end_user: null,
    model_group: 'm',
    model_id: 'd',
    custom_llm_provider: 'openai',
    prompt_tokens: 1,
    completion_tokens: 1,
    cached_tokens: 0,
    total_tokens: 2,
    spend: 0.5,
    startTime: AT,
    endTime: AT,
    status: 'success',
    cache_hit: false,
    request_tags: [],
    metadata: {},
    messages: null,
    response: null,
    ...changes,
  };
}
