// POST /v1/embeddings: the OpenAI embeddings operation, its allow-listed fields through the Router.

import type { RouterEmbeddingParams } from 'llmux';
import { sendJson } from '../../http/send-json.js';
import { EMBEDDING_REQUEST, EMBEDDING_REQUEST_FIELDS } from '../../routes/embedding-request-schema.js';
import { pickFields } from '../../routes/pick-fields.js';
import { openAIChatDialect } from '../dialects/openai-chat-dialect.js';
import type { Operation } from '../operation.js';
import { recordRoutedCall, recordUsage, setCostHeader } from '../record-routed-call.js';

export const embeddingsOperation: Operation = {
  names: { name: 'embeddings', callType: 'aembedding', traceName: 'embeddings' },
  method: 'POST',
  paths: ['/v1/embeddings', '/embeddings'],
  dialect: openAIChatDialect,
  request: EMBEDDING_REQUEST,
  billed: true,
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
};
