// One spend-log row per request and the totals it adds to, from the request's log fields
// (tokens, cost, deployment: the route records them) and who made the call.

import { redactSecrets } from '../audit/redact-secrets.js';
import type { Identity } from '../governance/identity.js';
import type { RequestContext } from '../http/request-context.js';
import { clientRequestIdOf } from '../http/request-id.js';
import type { SpendIncrement, SpendLogRow } from '../store/store.js';

export interface CallRecord {
  model: string;
  customerId: string | undefined;
  tags: string[];
  metadata: Record<string, unknown>;
  /** The request's messages, only when prompts may be stored. */
  messages: unknown;
  /** The reply (or a stream's chunks), only when prompts may be stored. */
  response?: unknown;
  startedAt: Date;
}

export function buildSpendLogRow(context: RequestContext, identity: Identity | undefined, call: CallRecord, failed: boolean, endedAt: Date): SpendLogRow {
  const log = context.log;
  const prompt = log.promptTokens ?? 0;
  const completion = log.completionTokens ?? 0;
  return {
    request_id: context.id,
    client_request_id: clientRequestIdOf(context.request.headers),
    response_id: log.responseId ?? null,
    call_type: context.operation?.callType ?? null,
    api_key: identity?.key?.token ?? '',
    user: identity?.user?.user_id ?? identity?.key?.user_id ?? null,
    team_id: identity?.team?.team_id ?? identity?.key?.team_id ?? null,
    end_user: call.customerId ?? null,
    model_group: log.modelGroup ?? call.model,
    model_id: log.deploymentId ?? null,
    custom_llm_provider: log.provider ?? null,
    prompt_tokens: prompt,
    completion_tokens: completion,
    cached_tokens: log.cachedTokens ?? 0,
    total_tokens: prompt + completion,
    spend: failed ? 0 : (log.cost ?? 0),
    startTime: call.startedAt,
    endTime: endedAt,
    // A reply cut short (hang-up, upstream cut, shutdown) is billed for what it delivered, but is no success.
    status: failed || log.callEnd !== undefined ? 'failure' : 'success',
    cache_hit: log.cacheHit === true,
    request_tags: call.tags,
    metadata: rowMetadata(call.metadata, context, failed),
    // Stored prompts and replies keep no secrets: key-shaped text and secret-named fields masked.
    messages: call.messages === null ? null : redactSecrets(call.messages),
    response: call.response === undefined ? null : redactSecrets(call.response),
  };
}

/**
 * The row's metadata: the operation's `call_type` (LiteLLM's name), and for a failure or a
 * reply cut short its error class and how it ended. The call's metadata object is its own
 * (built per call), so the common case adds to it rather than copying it.
 */
function rowMetadata(metadata: Record<string, unknown>, context: RequestContext, failed: boolean): Record<string, unknown> {
  const log = context.call;
  const callType = context.operation?.callType;
  // The schema has no cache_key column (LiteLLM's has): the response cache's key goes here.
  if (log.cacheKey !== undefined) metadata['cache_key'] = log.cacheKey;
  if (!failed && log.callEnd === undefined && log.errorClass === undefined) {
    if (callType !== undefined) metadata['call_type'] = callType;
    // A whole reply whose usage the upstream never reported (Azure's TTS): the row says it was counted.
    if (log.usageCounted === true) metadata['usage_counted'] = true;
    return metadata;
  }
  return {
    ...metadata,
    ...(callType === undefined ? {} : { call_type: callType }),
    ...(log.errorClass === undefined ? {} : { error_class: log.errorClass }),
    ...(log.callEnd === undefined ? {} : { call_end: log.callEnd, usage_counted: log.usageCounted === true }),
  };
}

/** Tags a call's cost adds to at most: a request naming more still bills the first ones' budgets. */
const MAX_TAG_TOTALS = 16;

/** The totals a call's cost adds to: key, key+model, user, team, its organization, customer, tags, global. */
export function spendIncrements(identity: Identity | undefined, row: SpendLogRow): SpendIncrement[] {
  const amount = row.spend;
  if (amount === 0) return [];
  const increments: SpendIncrement[] = [{ entity: 'global', id: 'global', amount }];
  if (row.api_key !== '') {
    increments.push({ entity: 'key', id: row.api_key, amount });
    if (row.model_group !== null) increments.push({ entity: 'key_model', id: row.api_key, model: row.model_group, amount });
  }
  const userId = identity?.user?.user_id ?? identity?.key?.user_id;
  if (userId !== undefined && userId !== null) increments.push({ entity: 'user', id: userId, amount });
  const teamId = identity?.team?.team_id ?? identity?.key?.team_id;
  if (teamId !== undefined && teamId !== null) increments.push({ entity: 'team', id: teamId, amount });
  const organizationId = identity?.team?.organization_id;
  if (organizationId !== undefined && organizationId !== null) increments.push({ entity: 'organization', id: organizationId, amount });
  if (row.end_user !== null) increments.push({ entity: 'customer', id: row.end_user, amount });
  const tags = row.request_tags;
  for (let index = 0; index < tags.length && index < MAX_TAG_TOTALS; index += 1) increments.push({ entity: 'tag', id: tags[index] as string, amount });
  return increments;
}
