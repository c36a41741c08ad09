// Rerank for the OpenAI-format rows that declare an endpoint (Together, Jina, Voyage,
// Infinity, TEI servers): the row's URL and key, the wire format it names.

import { randomUUID } from 'node:crypto';
import type { RerankRequest, RerankResponse } from '../../spec/index.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { convertRankedReply, convertToRerankWireBody, readCohereStyleReply, readTeiReply, readVoyageReply, type RankedReply } from '../rerank/convert-rerank-wire.js';
import type { RerankEndpoint } from '../rerank/rerank-endpoint.js';
import { cohereStyleRerankSchema, teiRerankSchema, voyageRerankSchema } from '../rerank/rerank-wire-api.js';
import type { OpenAIProviderConfig } from './openai-provider-config.js';
import { parseOpenAIBody } from './parse-openai-body.js';
import { sendOpenAIRequest } from './send-openai-request.js';

export function createOpenAIRerank(config: OpenAIProviderConfig, endpoint: RerankEndpoint): (request: RerankRequest, context: ProviderCallContext) => Promise<RerankResponse> {
  return async (request, context) => {
    const body = JSON.stringify(convertToRerankWireBody(request, endpoint.wire));
    const call = await sendOpenAIRequest(config, { path: endpoint.path, method: 'POST', body, stream: false }, context);
    let ranked: RankedReply;
    if (endpoint.wire === 'tei') ranked = readTeiReply(await parseOpenAIBody(call, teiRerankSchema, context, 'a rerank list'), request);
    else if (endpoint.wire === 'voyage') ranked = readVoyageReply(await parseOpenAIBody(call, voyageRerankSchema, context, 'a rerank list'));
    else ranked = readCohereStyleReply(await parseOpenAIBody(call, cohereStyleRerankSchema, context, 'a rerank reply'));
    return convertRankedReply(ranked, request, randomUUID());
  };
}
