// POST /v1/embeddings: the OpenAI embeddings operation, its allow-listed fields through the Router.

import type { RouterEmbeddingParams } from 'llmux';
import { sendJson } from '../../http/send-json.js';
import { EMBEDDING_REQUEST, EMBEDDING_REQUEST_FIELDS } from '../../routes/embedding-request-schema.js';
import { pickFields } from '../../routes/pick-fields.js';
import { recordRoutedCall, recordUsage, setCostHeader } from '../record-routed-call.js';
import { openAIOperation } from './openai-operation.js';

export const embeddingsOperation = openAIOperation('/embeddings', {
  names: { name: 'embeddings', callType: 'aembedding', traceName: 'embeddings' },
  request: EMBEDDING_REQUEST,
  async serve({ context, dependencies, body, capture }) {
    // The operation's zod schema validated these fields as the router's embedding parameters.
    const result = await dependencies.router.embedding(pickFields(body, EMBEDDING_REQUEST_FIELDS) as unknown as RouterEmbeddingParams);
    recordRoutedCall(context, result.llmux);
    context.call.promptTokens = result.usage.prompt_tokens;
    recordUsage(context, undefined, result.llmux.cost);
    setCostHeader(context, result.llmux.cost);
    sendJson(context, 200, JSON.stringify(capture === undefined ? result : capture.reply(result)));
    return true;
  },
});
