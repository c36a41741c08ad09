// The semantic cache's embedding call: through the gateway's own Router to the configured
// model group, and accounted as a call of its own (its spend row says call_type aembedding,
// priced like any embedding, on the caller's key) in a request context of its own, so the
// chat call's row keeps its own tokens and cost. A failure is a miss, never the caller's error.

import { randomUUID } from 'node:crypto';
import { embeddingsOperation } from '../core/operations/embeddings-operation.js';
import type { CallState } from '../core/operation.js';
import { recordRoutedCall, recordUsage } from '../core/record-routed-call.js';
import type { CallRecord } from '../core/call-record.js';
import type { RequestContext } from '../http/request-context.js';
import { normalizeVector } from './semantic-index.js';

export type PromptEmbedder = (state: CallState, text: string) => Promise<Float32Array>;

export function createPromptEmbedder(model: string): PromptEmbedder {
  return async (state, text) => {
    const { router, accounting } = state.dependencies;
    const record: CallRecord = { operation: embeddingsOperation.names.name, modelGroup: model };
    const context: RequestContext = {
      ...state.context,
      id: randomUUID(),
      headers: {},
      call: record,
      log: record,
      operation: embeddingsOperation.names,
    };
    const body = { model, input: text };
    const ticket = accounting === undefined ? undefined : await accounting.begin(context, model, body);
    let failed = true;
    try {
      const result = await router.embedding(body);
      recordRoutedCall(context, result.llmux);
      record.promptTokens = result.usage.prompt_tokens;
      recordUsage(context, undefined, result.llmux.cost);
      const values = result.data[0]?.embedding;
      const vector = Array.isArray(values) ? normalizeVector(values) : undefined;
      if (vector === undefined) throw new Error(`the embedding model "${model}" returned no usable vector`);
      failed = false;
      return vector;
    } finally {
      if (ticket !== undefined) accounting?.end(ticket, failed);
    }
  };
}
